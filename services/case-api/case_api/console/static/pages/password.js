// Change one's own password; the server ends the person's other sessions.
import { api } from "../api.js";
import { t } from "../i18n.js";
import { h, page } from "../ui.js";

export async function render() {
  const status = h("p", { role: "status" });
  const err = (name) => h("span", { id: `${name}-error`, class: "field-error", "data-field": name });
  const form = h("form", { class: "card narrow" },
    h("label", { for: "current_password" }, t("password.current")),
    h("input", { id: "current_password", name: "current_password", type: "password", autocomplete: "current-password", required: true, "aria-describedby": "current_password-error" }),
    err("current_password"),
    h("label", { for: "new_password" }, t("password.new")),
    h("input", { id: "new_password", name: "new_password", type: "password", autocomplete: "new-password", required: true, "aria-describedby": "new_password-error" }),
    err("new_password"), status,
    h("button", { type: "submit" }, t("password.submit")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    form.querySelectorAll(".field-error").forEach((e) => { e.textContent = ""; });
    status.textContent = "";
    const data = Object.fromEntries(new FormData(form));
    try {
      await api("POST", "/v1/session/password", { body: data });
      status.textContent = t("password.done");
      form.reset();
    } catch (problem) {
      const slot = (problem.fields?.() || []).map((n) => form.querySelector(`[data-field="${n}"]`)).find(Boolean);
      (slot || status).textContent = problem.message;
    }
  });
  page(t("password.title"), form);
}
