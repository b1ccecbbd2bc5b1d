// The judicial bureau's dashboard for its jurisdiction (and those below): overdue and open
// obligations across agencies, figures per agency, the loss reports waiting for review.
import { get } from "../api.js";
import { t } from "../i18n.js";
import { h, page, table, link, failure } from "../ui.js";
import { deadlineTable } from "./todo.js";

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : "—");

function figures(stats) {
  // A row is flagged only where the API states a target the agency missed: targets differ
  // per jurisdiction ([003 一] sets Xiangshan's loss rate below 8 %), so none is guessed here.
  const rows = stats.by_agency.map((a) => {
    const missed = (a.flags || []).some((f) => f.met === false);
    return h("tr", { class: missed ? "overdue" : "" },
      h("td", {}, a.agency_name || a.agency), h("td", {}, a.received), h("td", {}, a.concluded), h("td", {}, a.losses),
      h("td", {}, pct(a.losses, a.concluded), missed ? h("span", { class: "tag" }, t("bureau.target")) : null));
  });
  return table(t("bureau.figures"), [t("col.agency"), "收案 received", "结案 concluded", "败诉 lost", "败诉率 loss rate"], rows);
}

// Effective judgments of the jurisdiction, read page by page (GET /v1/cases has no
// report_state filter): loss reports waiting for review, and lost cases whose approved
// report opens the accountability procedure (its steps are on the case page).
async function effectiveCases(jurisdiction) {
  const found = [];
  let cursor = null;
  do {
    const answer = await get("/v1/cases", { jurisdiction, status: "effective", limit: 200, cursor });
    found.push(...answer.items);
    cursor = answer.next_cursor;
  } while (cursor);
  return found;
}

function caseTable(caption, cases) {
  const rows = cases.map((c) => h("tr", {},
    h("td", {}, link(`/console/cases/${c.case_id}`, c.case_number)), h("td", {}, c.agency), h("td", {}, c.subject_matter)));
  return table(caption, [t("col.case"), t("col.agency"), t("case.subject")], rows);
}

export async function render({ session }) {
  const j = session.jurisdiction;
  const main = page(t("bureau.title"));
  const year = new Date().getFullYear();
  const section = (key, body) => h("section", { "aria-labelledby": `b-${key}` }, h("h2", { id: `b-${key}` }, t(key)), body);
  try {
    const effective = await effectiveCases(j);
    main.append(
      section("bureau.overdue", await deadlineTable(t("bureau.overdue"), { jurisdiction: j, status: "missed", limit: 100 })),
      section("bureau.queue", caseTable(t("bureau.queue"), effective.filter((c) => c.report_state === "submitted"))),
      section("bureau.accountability", caseTable(t("bureau.accountability"),
        effective.filter((c) => c.outcome === "lost" && c.report_state === "approved"))),
      section("bureau.open", await deadlineTable(t("bureau.open"), { jurisdiction: j, status: "open", limit: 100 })),
      section("bureau.figures", figures(await get("/v1/statistics", { jurisdiction: j, from: `${year}-01-01`, to: `${year}-12-31` }))),
      section("bureau.bulletins", h("p", { class: "muted" }, t("bureau.bulletins.note"))),
    );
  } catch (error) {
    main.append(failure(error));
  }
}
