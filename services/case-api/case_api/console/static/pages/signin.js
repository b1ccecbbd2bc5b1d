// Sign-in: the server sets the HttpOnly session cookie; a wrong password or a lock-out is
// shown next to the form, in the person's language.
import { api, setCsrf } from "../api.js";
import { t } from "../i18n.js";
import { h, page, go, header } from "../ui.js";

export async function render({ home }) {
  const error = h("p", { id: "signin-error", class: "error", role: "alert" });
  const form = h("form", { class: "card narrow", "aria-describedby": "signin-error" },
    h("label", { for: "username" }, t("signin.username")),
    h("input", { id: "username", name: "username", autocomplete: "username", required: true, autofocus: true }),
    h("label", { for: "password" }, t("signin.password")),
    h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true }),
    error,
    h("button", { type: "submit" }, t("signin.submit")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const data = new FormData(form);
    try {
      const session = await api("POST", "/v1/session", {
        body: { username: data.get("username"), password: data.get("password") },
      });
      setCsrf(session.csrf_token);
      header(session);
      go(home[session.role]);
    } catch (problem) {
      error.textContent = problem.message;
    }
  });
  const offered = document.querySelector('meta[name="oidc"]').content === "on";
  const oidc = offered ? h("p", {}, h("a", { href: "/v1/session/oidc/login" }, t("signin.oidc"))) : "";
  page(t("signin.title"), form, oidc);
}
