// The administrator's page: every account, and a form to create one.
import { get, post } from "../api.js";
import { t } from "../i18n.js";
import { h, page, table, failure } from "../ui.js";

const FIELDS = ["username", "display_name", "agency", "jurisdiction", "password"];
const ROLES = ["agency_user", "mobile_reader", "bureau_officer", "discipline_officer", "admin"];

function createForm(onDone) {
  const status = h("p", { role: "status" });
  const form = h("form", { class: "card" }, h("h2", {}, t("admin.create")),
    FIELDS.map((name) => h("div", {}, h("label", { for: `a-${name}` }, t(`f.${name}`)),
      h("input", { id: `a-${name}`, name, type: name === "password" ? "password" : "text", autocomplete: "off" }),
      h("span", { class: "field-error", "data-field": name }))),
    h("label", { for: "a-role" }, t("f.role")),
    h("select", { id: "a-role", name: "role" }, ROLES.map((r) => h("option", { value: r }, t(`role.${r}`)))),
    status, h("button", { type: "submit" }, t("submit")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    form.querySelectorAll(".field-error").forEach((e) => { e.textContent = ""; });
    const body = Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ""));
    try {
      await post("/v1/accounts", body);
      await onDone();
    } catch (problem) {
      const slot = (problem.fields?.() || []).map((n) => form.querySelector(`[data-field="${n}"]`)).find(Boolean);
      (slot || status).textContent = problem.message;
    }
  });
  return form;
}

export async function render() {
  const load = async () => {
    const main = page(t("admin.title"));
    try {
      const accounts = await get("/v1/accounts");
      const rows = accounts.map((a) => h("tr", {}, h("td", {}, a.username), h("td", {}, a.display_name),
        h("td", {}, t(`role.${a.role}`)), h("td", {}, a.agency || a.jurisdiction || "—"),
        h("td", {}, a.status), h("td", {}, a.locked_until || "—")));
      main.append(table(t("admin.title"), [t("f.username"), t("f.display_name"), t("f.role"), "scope", t("col.status"), "locked until"], rows),
        createForm(load), h("p", {}, h("a", { href: "/docs" }, t("nav.docs"))));
    } catch (error) {
      main.append(failure(error));
    }
  };
  await load();
}
