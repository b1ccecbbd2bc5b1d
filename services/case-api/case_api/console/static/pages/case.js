// A case: summary, appearance duty, deadlines with the steps that explain each date,
// documents, timeline, and the forms the person's role may use (none for a reader).
import { get } from "../api.js";
import { t, clause } from "../i18n.js";
import { h, page, table, daysLeft, today, title, failure } from "../ui.js";
import { AGENCY_FORMS, BUREAU_FORMS, commandForm, lossReportForms } from "./forms.js";

function summary(c) {
  const item = (key, value) => [h("dt", {}, t(key)), h("dd", {}, value ?? "—")];
  return h("dl", { class: "facts" },
    item("case.court", c.court), item("case.status", t(`cs.${c.status}`)), item("case.subject", c.subject_matter),
    item("case.filed", c.filed_date), item("case.hearing", c.hearing_date), item("case.report", t(`rs.${c.report_state}`)));
}

function deadlines(list, day) {
  const rows = list.map((d) => {
    const left = d.status === "open" || d.status === "missed" ? daysLeft(d.due_date, day) : null;
    return h("tr", { class: d.status === "missed" ? "overdue" : "" },
      h("td", {}, title(d),
        h("details", {}, h("summary", {}, t("case.steps")),
          h("ol", {}, d.explanation.steps.map((s) => h("li", {}, s))))),
      h("td", { class: "rule" }, clause(d.source)),
      h("td", { class: "nowrap" }, d.due_date,
        d.provisional ? h("span", { class: "tag", title: t("provisional.hint") }, t("provisional")) : null),
      h("td", { class: d.status === "missed" ? "late" : "" }, left ? left.text : t(`status.${d.status}`)));
  });
  return table(t("case.deadlines"), [t("col.what"), t("col.rule"), t("col.due"), t("col.status")], rows);
}

function documents(list, caseId) {
  if (!list.length) return h("p", { class: "muted" }, t("none"));
  return h("ul", { class: "plain" }, list.map((d) => h("li", {},
    h("a", { href: `/v1/cases/${caseId}/documents/${d.sha256}` }, d.title || d.sha256.slice(0, 12)),
    ` · ${d.event_type} · ${d.media_type}`)));
}

function timeline(events) {
  return h("ol", { class: "timeline" }, events.map((e) => h("li", {},
    h("time", { datetime: e.recorded_at }, e.recorded_at.slice(0, 10)), " ", h("strong", {}, e.type),
    e.meta.principal_id ? ` · ${e.meta.principal_id}` : "")));
}

function forms(session, c, report, reload) {
  const defaults = { reported_date: today(), submitted_date: today(), feedback_date: today(),
    completed_date: today(), reviewed_date: today(), hearing_date: c.hearing_date || "",
    drafted_date: today(), step_date: today() };
  let specs = [];
  if (session.role === "agency_user") specs = report ? [...AGENCY_FORMS, ...lossReportForms(report)] : AGENCY_FORMS;
  if (session.role === "bureau_officer" && c.report_state === "submitted") specs = BUREAU_FORMS;
  if (!specs.length) return h("p", { class: "muted" }, t("case.readonly"));
  return h("div", { class: "forms" }, specs.map((spec) => commandForm(c.case_id, spec, defaults, reload)));
}

export async function render({ session, params }) {
  const [caseId] = params;
  const load = async (position) => {
    const at = position ? { min_position: position } : {};
    const [c, dl, tl, docs] = await Promise.all([
      get(`/v1/cases/${caseId}`, at), get(`/v1/cases/${caseId}/deadlines`, at),
      get(`/v1/cases/${caseId}/events`, at), get(`/v1/cases/${caseId}/documents`, at),
    ]);
    // What the pack requires of the loss report, once there is a loss to report on.
    const lost = session.role === "agency_user" && c.outcome === "lost";
    const report = lost ? await get(`/v1/cases/${caseId}/loss-reports`) : null;
    const reload = async (done) => {
      await load(done.position);
      document.querySelector("#main h1").after(h("p", { class: "ok", role: "status" }, t("done")));
    };
    const duty = dl.appearance_duty;
    page(c.case_number,
      h("section", { "aria-labelledby": "s-summary" }, h("h2", { id: "s-summary" }, t("case.summary")), summary(c)),
      h("section", { "aria-labelledby": "s-duty" }, h("h2", { id: "s-duty" }, t("case.duty")),
        h("p", {}, t(`duty.${duty.required}`)), duty.reasons.length ? h("ul", {}, duty.reasons.map((r) => h("li", {}, r))) : null),
      h("section", { "aria-labelledby": "s-deadlines" }, h("h2", { id: "s-deadlines" }, t("case.deadlines")), deadlines(dl.deadlines, today())),
      h("section", { "aria-labelledby": "s-actions" }, h("h2", { id: "s-actions" }, t("case.actions")), forms(session, c, report, reload)),
      h("section", { "aria-labelledby": "s-docs" }, h("h2", { id: "s-docs" }, t("case.documents")), documents(docs.documents, caseId)),
      h("section", { "aria-labelledby": "s-timeline" }, h("h2", { id: "s-timeline" }, t("case.timeline")), timeline(tl.events)));
  };
  try {
    await load();
  } catch (error) {
    page(t("app.title"), failure(error));
  }
}
