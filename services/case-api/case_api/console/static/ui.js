// Small DOM helpers and the parts every page shares: the header, tables, dates, errors.
import { t, lang, setLang } from "./i18n.js";
import { api } from "./api.js";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function go(path) {
  history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function link(path, text, attrs = {}) {
  return h("a", { href: path, ...attrs, onclick: (e) => { e.preventDefault(); go(path); } }, text);
}

const NAV = {
  agency_user: [["/console/todo", "nav.todo"], ["/console/search", "nav.search"]],
  mobile_reader: [["/console/reader", "nav.reader"], ["/console/search", "nav.search"]],
  bureau_officer: [["/console/bureau", "nav.bureau"], ["/console/search", "nav.search"]],
  discipline_officer: [["/console/bureau", "nav.bureau"], ["/console/search", "nav.search"]],
  admin: [["/console/admin", "nav.admin"], ["/console/search", "nav.search"]],
};

export function header(session) {
  const top = document.getElementById("top");
  const items = session ? NAV[session.role] || [] : [];
  const notifier = document.querySelector('meta[name="notifier-url"]').content;
  top.replaceChildren(
    h("span", { class: "brand" }, t("app.title")),
    h("nav", { "aria-label": t("app.title") },
      h("ul", {},
        items.map(([path, key]) => h("li", {}, link(path, t(key)))),
        session && session.role === "admin" && notifier ? h("li", {}, h("a", { href: notifier }, t("nav.operator"))) : null,
        session ? h("li", {}, link("/console/password", t("nav.password"))) : null,
        h("li", {}, h("button", { type: "button", class: "linkish", lang: lang() === "zh" ? "en" : "zh-CN",
          onclick: () => { setLang(lang() === "zh" ? "en" : "zh"); window.dispatchEvent(new PopStateEvent("popstate")); } }, t("nav.lang"))),
        session ? h("li", {}, h("button", { type: "button", class: "linkish", onclick: signOut }, t("nav.signout"))) : null,
      )),
    session ? h("span", { class: "who" }, `${session.username} · ${t(`role.${session.role}`)}`) : null,
  );
}

async function signOut() {
  await api("DELETE", "/v1/session").catch(() => null);
  location.assign("/console/signin");
}

export function page(title, ...children) {
  document.title = `${title} · ${t("app.title")}`;
  const main = document.getElementById("main");
  main.replaceChildren(h("h1", {}, title), ...children);
  return main;
}

export function table(caption, columns, rows) {
  if (!rows.length) return h("p", { class: "muted" }, t("none"));
  // On a phone each row becomes a card: every cell names its column (console.css).
  for (const row of rows) [...row.children].forEach((cell, i) => cell.setAttribute("data-label", columns[i]));
  return h("div", { class: "scroll", tabindex: "0" },
    h("table", {}, h("caption", {}, caption),
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows)));
}

export function daysLeft(due, today) {
  const days = Math.round((Date.parse(due) - Date.parse(today)) / 86400000);
  if (days < 0) return { text: t("left.over", { n: -days }), overdue: true };
  if (days === 0) return { text: t("left.today"), overdue: false };
  return { text: t("left.days", { n: days }), overdue: false };
}

export function today() {
  // Dates are Asia/Shanghai (DOMAIN.md §4), wherever the browser is.
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

export function failure(error) {
  return h("p", { class: "error", role: "alert" }, t("error", { detail: error.message }));
}

export function title(deadline) {
  return lang() === "en" ? deadline.title : deadline.title_zh;
}
