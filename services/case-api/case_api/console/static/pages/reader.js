// The agency head's phone: the agency's cases and deadlines, read only (no form anywhere).
import { get } from "../api.js";
import { t } from "../i18n.js";
import { h, page, table, link, failure } from "../ui.js";
import { deadlineTable } from "./todo.js";

export async function render({ session }) {
  const main = page(t("reader.title"));
  try {
    main.append(await deadlineTable(t("todo.title"), {
      agency: session.agency, status: "pending", limit: 100,
    }));
    const cases = await get("/v1/cases", { agency: session.agency, limit: 100 });
    const rows = cases.items.map((c) => h("tr", { class: c.overdue ? "overdue" : "" },
      h("td", {}, link(`/console/cases/${c.case_id}`, c.case_number)),
      h("td", {}, c.subject_matter),
      h("td", {}, t(`cs.${c.status}`)),
      h("td", { class: "nowrap" }, c.next_deadline_date || "—")));
    main.append(h("h2", {}, t("reader.cases")),
      table(t("reader.cases"), [t("col.case"), t("case.subject"), t("col.status"), t("col.due")], rows));
  } catch (error) {
    main.append(failure(error));
  }
}
