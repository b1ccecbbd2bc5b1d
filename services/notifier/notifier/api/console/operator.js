// The operator's page: deliveries by state, a retry for failed and dead ones, and what the
// local outbox channel wrote. The token stays in this tab's sessionStorage only.
const KEY = "notifier.operator";
const $ = (id) => document.getElementById(id);

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

async function call(method, path) {
  const response = await fetch(path, { method, headers: { Authorization: `Bearer ${sessionStorage.getItem(KEY)}`, "Accept-Language": "zh-CN" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || body.title || String(response.status));
  return body;
}

function row(d) {
  const tr = el("tr");
  tr.className = d.state === "dead" || d.state === "failed" ? "bad" : "";
  for (const value of [d.id, d.kind, d.recipient, d.state, d.attempts, d.due_at.slice(0, 16), d.last_answer || ""]) tr.append(el("td", String(value)));
  const cell = el("td");
  if (d.state === "dead" || d.state === "failed") {
    const button = el("button", "重试 Retry", { type: "button" });
    button.addEventListener("click", async () => {
      try { await call("POST", `/v1/deliveries/${d.id}/retry`); $("message").textContent = `#${d.id} 已重新排队 queued again`; await load(); }
      catch (error) { $("message").textContent = error.message; }
    });
    cell.append(button);
  }
  tr.append(cell);
  return tr;
}

async function load() {
  const state = $("state").value;
  const list = await call("GET", `/v1/deliveries?limit=200${state ? `&state=${state}` : ""}`);
  const table = el("table");
  const head = el("tr");
  for (const name of ["#", "kind", "recipient", "state", "attempts", "due", "answer", "操作 action"]) head.append(el("th", name, { scope: "col" }));
  table.append(el("caption", "推送 Deliveries"), head, ...list.map(row));
  $("deliveries").replaceChildren(list.length ? table : el("p", "暂无 none"));
  const messages = await call("GET", "/v1/outbox?limit=50");
  $("outbox").replaceChildren(...(messages.length ? messages.map((m) => {
    const card = el("article", undefined, { class: "card" });
    card.append(el("h3", m.title), el("p", `${m.at.slice(0, 19)} · ${m.recipient}`, { class: "muted" }), el("pre", m.body));
    return card;
  }) : [el("p", "暂无 none")]));
}

async function open() {
  try {
    await load();
    $("token-form").hidden = true;
    $("work").hidden = false;
  } catch (error) {
    sessionStorage.removeItem(KEY);
    $("message").textContent = error.message;
    $("token-form").hidden = false;
    $("work").hidden = false;
  }
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("token").value);
  open();
});
$("state").addEventListener("change", () => load().catch((e) => { $("message").textContent = e.message; }));
if (sessionStorage.getItem(KEY)) open();
