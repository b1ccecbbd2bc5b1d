// Find a case by its number, however it is typed: full-width or half-width brackets and
// digits, spaces. Asks GET /v1/cases?case_number=; until the API has that filter, looks
// through the cases the person may see and says how many it looked at.
import { get, Problem } from "../api.js";
import { t } from "../i18n.js";
import { h, page, link, failure } from "../ui.js";

const SCAN_PAGES = 10;

export function normalise(number) {
  return number.normalize("NFKC").replace(/[\s\u3000]/g, "").replace(/[（\[【〔]/g, "(").replace(/[）\]】〕]/g, ")");
}

async function find(number) {
  try {
    return { items: (await get("/v1/cases", { case_number: number })).items };
  } catch (error) {
    if (!(error instanceof Problem) || error.body.code !== "unknown-query-parameter") throw error;
  }
  const wanted = normalise(number);
  const found = [];
  let cursor = null;
  let scanned = 0;
  for (let i = 0; i < SCAN_PAGES; i += 1) {
    const answer = await get("/v1/cases", { limit: 200, cursor });
    scanned += answer.items.length;
    found.push(...answer.items.filter((c) => normalise(c.case_number) === wanted));
    cursor = answer.next_cursor;
    if (!cursor) break;
  }
  return { items: found, scanned };
}

export async function render() {
  const results = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "card narrow", role: "search" },
    h("label", { for: "number" }, t("search.label")),
    h("input", { id: "number", name: "number", required: true, autocomplete: "off" }),
    h("button", { type: "submit" }, t("search.submit")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    results.replaceChildren(h("p", { class: "muted" }, t("loading")));
    try {
      const { items, scanned } = await find(new FormData(form).get("number"));
      results.replaceChildren(
        scanned ? h("p", { class: "muted" }, t("search.scanned", { n: scanned })) : "",
        items.length ? h("ul", { class: "plain" }, items.map((c) => h("li", {},
          link(`/console/cases/${c.case_id}`, c.case_number), ` · ${c.subject_matter} · ${t(`cs.${c.status}`)}`)))
          : h("p", {}, t("search.empty")));
    } catch (error) {
      results.replaceChildren(failure(error));
    }
  });
  page(t("search.title"), form, results);
}
