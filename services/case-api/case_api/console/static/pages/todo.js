// The agency clerk's to-do list: every open obligation of the agency, soonest first, with
// the case number, what to do, the rule and its clause in words, and the days left.
import { get } from "../api.js";
import { t, clause } from "../i18n.js";
import { h, page, table, link, daysLeft, today, title, failure } from "../ui.js";

export function deadlineRow(d, day) {
  const left = daysLeft(d.due_date, day);
  return h("tr", { class: left.overdue ? "overdue" : "" },
    h("td", {}, link(`/console/cases/${d.case_id}`, d.case_number || d.case_id)),
    h("td", {}, title(d)),
    h("td", { class: "rule" }, clause(d.source)),
    h("td", { class: "nowrap" }, d.due_date,
      d.provisional ? h("span", { class: "tag", title: t("provisional.hint") }, t("provisional")) : null),
    h("td", { class: left.overdue ? "nowrap late" : "nowrap" }, left.text),
  );
}

export const COLUMNS = () => [t("col.case"), t("col.what"), t("col.rule"), t("col.due"), t("col.left")];

// One page of deadlines and, while the API offers a cursor, a button for the next.
export async function deadlineTable(caption, params) {
  const day = today();
  const holder = h("div", {});
  let cursor = null;
  const load = async () => {
    const answer = await get("/v1/deadlines", { ...params, cursor });
    const rows = answer.items.map((d) => deadlineRow(d, day));
    const body = holder.querySelector("tbody");
    if (body) body.append(...rows);
    else holder.append(table(caption, COLUMNS(), rows));
    cursor = answer.next_cursor || null;
    holder.querySelector("button.more")?.remove();
    if (cursor) holder.append(h("button", { type: "button", class: "more", onclick: load }, t("more")));
  };
  await load();
  return holder;
}

export async function render({ session }) {
  const main = page(t("todo.title"), h("p", { class: "muted" }, t("todo.lead")));
  try {
    main.append(await deadlineTable(t("todo.title"), {
      agency: session.agency, status: "pending", limit: 200,
    }));
  } catch (error) {
    main.append(failure(error));
  }
}
