// The console's router: who is signed in decides the home page; each path is a page module.
import { get, setCsrf, Problem } from "./api.js";
import { lang, setLang, t } from "./i18n.js";
import { header, h, page, failure, go } from "./ui.js";

const HOME = {
  agency_user: "/console/todo",
  mobile_reader: "/console/reader",
  bureau_officer: "/console/bureau",
  discipline_officer: "/console/bureau",
  admin: "/console/admin",
};

const PAGES = [
  [/^\/console\/signin$/, () => import("./pages/signin.js")],
  [/^\/console\/todo$/, () => import("./pages/todo.js")],
  [/^\/console\/reader$/, () => import("./pages/reader.js")],
  [/^\/console\/search$/, () => import("./pages/search.js")],
  [/^\/console\/cases\/([0-9a-f-]{36})$/, () => import("./pages/case.js")],
  [/^\/console\/bureau$/, () => import("./pages/bureau.js")],
  [/^\/console\/admin$/, () => import("./pages/admin.js")],
  [/^\/console\/password$/, () => import("./pages/password.js")],
];

async function session() {
  // The page cannot read the HttpOnly session cookie; the sign-in answer also set a harmless
  // hint cookie, so a visitor who never signed in is not sent through a 401 first.
  if (!document.cookie.split("; ").includes("yingsu_signed_in=1")) return null;
  try {
    const current = await get("/v1/session");
    setCsrf(current.csrf_token);
    return current;
  } catch (error) {
    if (error instanceof Problem && error.status === 401) return null;
    throw error;
  }
}

async function route() {
  // data-ready marks a page whose data has arrived (tests and screen readers wait for it).
  document.body.removeAttribute("data-ready");
  setLang(lang());
  const path = location.pathname.replace(/\/$/, "");
  try {
    const who = await session();
    header(who);
    if (!who && path !== "/console/signin") return go("/console/signin");
    if (who && (path === "/console" || path === "/console/signin")) return go(HOME[who.role]);
    const found = PAGES.find(([pattern]) => pattern.test(path));
    if (!found) return page("404", h("p", {}, t("none")));
    const module = await found[1]();
    await module.render({ session: who, params: path.match(found[0]).slice(1), home: HOME });
  } catch (error) {
    page(t("app.title"), failure(error));
  }
  document.getElementById("main").focus({ preventScroll: true });
  document.body.setAttribute("data-ready", path);
}

window.addEventListener("popstate", route);
route();
