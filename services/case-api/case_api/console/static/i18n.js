// Chinese first; English on request (kept in localStorage). Words the API sends come in the
// person's language too: problem details through Accept-Language, deadline titles as title_zh.
import { zh, en } from "./words.js";

const KEY = "yingsu.lang";

export function lang() {
  return localStorage.getItem(KEY) === "en" ? "en" : "zh";
}

export function setLang(value) {
  localStorage.setItem(KEY, value);
  document.documentElement.lang = value === "en" ? "en" : "zh-CN";
}

export function t(key, vars = {}) {
  const table = lang() === "en" ? en : zh;
  const text = table[key] ?? zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

// A rule's source clause in words: "004 5-①" names the regulation it comes from.
export function clause(source) {
  const table = lang() === "en" ? en : zh;
  return (source || "")
    .split(";")
    .map((part) => {
      const [doc, ...rest] = part.trim().split(" ");
      const name = table[`doc.${doc}`];
      return name ? `${name} ${rest.join(" ")}`.trim() : part.trim();
    })
    .join("；");
}
