// Forms for the commands a person's role may record on a case. Each posts to the public API;
// a refusal (problem+json) is shown next to the field it names, or above the button.
import { post } from "../api.js";
import { t } from "../i18n.js";
import { h } from "../ui.js";

const date = (name) => ({ name, type: "date" });
const text = (name, opts = {}) => ({ name, type: "text", ...opts });
const choice = (name, options) => ({ name, type: "select", options });
const flag = (name, opts = {}) => ({ name, type: "checkbox", ...opts });

export const AGENCY_FORMS = [
  ["report_to_bureau", "reports", [choice("subject", ["notice_to_respond", "complaint_copy", "summons",
    "appeal_petition", "judgment", "ruling", "effective_judgment", "appearing_heads", "response_plan",
    "risk_report"]), date("reported_date")]],
  ["submit_answer", "answer", [date("submitted_date"), flag("evidence_submitted")]],
  ["record_appearance", "appearances", [date("hearing_date"), text("name"),
    choice("role", ["principal_head", "deputy_head", "staff", "lawyer"]), text("title", { optional: true }),
    flag("spoke_in_court")]],
  ["submit_feedback", "feedback", [choice("subject", ["answer", "hearing", "performance"]),
    date("feedback_date"), text("note", { optional: true, long: true })]],
  ["complete_performance", "performance", [date("completed_date"), text("note", { optional: true, long: true })]],
  ["record_remediation", "remediations", [text("deadline"), text("measures", { long: true })]],
  ["submit_loss_report", "loss-reports", [date("submitted_date"), text("summary", { long: true })]],
];

// The loss analysis report: a field per section the case's pack requires (from
// GET /v1/cases/{id}/loss-reports), the agency's own steps, then the submission.
const LOSS_STEPS = ["legal_office_review", "collective_discussion", "principal_approval"];
const DRAFT_FIELDS = ["drafted_date", "major_case"];

export function lossReportForms(report) {
  const sections = report.required_sections.map((s) =>
    text(s.id, { long: true, optional: !s.required, label: s.title_zh }));
  return [
    ["draft_loss_report", "loss-report-drafts", [date("drafted_date"), ...sections, flag("major_case", { checked: false })]],
    ["record_loss_report_step", "loss-report-steps", [choice("step", LOSS_STEPS),
      choice("result", ["approved", "returned"]), date("step_date"), text("opinion", { optional: true, long: true })]],
  ];
}

export const BUREAU_FORMS = [
  ["review_report", "reviews", [choice("result", ["approved", "returned"]), text("opinion", { optional: true, long: true }),
    date("reviewed_date")]],
];

// The appearance form is flat for people; the API takes a list of who appeared.
const SHAPE = {
  draft_loss_report: (v) => ({ drafted_date: v.drafted_date, major_case: v.major_case,
    sections: Object.fromEntries(Object.entries(v).filter(([k]) => !DRAFT_FIELDS.includes(k))) }),
  record_appearance: (v) => ({ hearing_date: v.hearing_date, appearances: [{
    name: v.name, role: v.role, title: v.title, spoke_in_court: v.spoke_in_court }] }),
};

function field(command, spec, defaults) {
  const id = `${command}-${spec.name}`;
  const error = h("span", { id: `${id}-error`, class: "field-error", "data-field": spec.name });
  const common = { id, name: spec.name, "aria-describedby": `${id}-error`, required: !spec.optional && spec.type !== "checkbox" };
  let input;
  if (spec.type === "select") {
    input = h("select", common, spec.options.map((o) => h("option", { value: o }, t(`opt.${o}`))));
  } else if (spec.type === "checkbox") {
    input = h("input", { ...common, type: "checkbox", checked: spec.checked !== false });
  } else if (spec.long) {
    input = h("textarea", { ...common, rows: 3 });
  } else {
    input = h("input", { ...common, type: spec.type, value: defaults[spec.name] || "" });
  }
  const label = h("label", { for: id }, spec.label || t(`f.${spec.name}`));
  return spec.type === "checkbox" ? h("div", { class: "check" }, input, label, error) : h("div", {}, label, input, error);
}

function values(form, specs) {
  const out = {};
  for (const spec of specs) {
    const el = form.elements[spec.name];
    if (spec.type === "checkbox") out[spec.name] = el.checked;
    else if (el.value !== "" || !spec.optional) out[spec.name] = el.value;
  }
  return out;
}

export function commandForm(caseId, [command, path, specs], defaults, onDone) {
  const general = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "card", "data-command": command },
    h("h3", {}, t(`form.${command}`)), specs.map((s) => field(command, s, defaults)), general,
    h("button", { type: "submit" }, t("submit")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    form.querySelectorAll(".field-error").forEach((e) => { e.textContent = ""; });
    general.textContent = "";
    const raw = values(form, specs);
    try {
      const done = await post(`/v1/cases/${caseId}/${path}`, (SHAPE[command] || ((v) => v))(raw));
      await onDone(done);
    } catch (problem) {
      const named = problem.fields ? problem.fields() : [];
      const slot = named.map((n) => form.querySelector(`.field-error[data-field="${n}"]`)).find(Boolean);
      (slot || general).textContent = problem.message;
      slot?.previousElementSibling?.focus?.();
    }
  });
  return form;
}
