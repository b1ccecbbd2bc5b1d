// The public REST API, called with the person's own session cookie. Every request that
// changes something carries the session's CSRF token and an Idempotency-Key, so a double
// click or a resend after a network error never records a fact twice.
import { lang } from "./i18n.js";

let csrf = null;

export class Problem extends Error {
  constructor(status, body) {
    super(body.detail || body.title || String(status));
    this.status = status;
    this.body = body;
  }
  // Field names the problem points at: a validation error's locations, or its `field`.
  fields() {
    const named = (this.body.errors || []).map((e) => e.location.filter((p) => typeof p === "string").pop());
    if (this.body.field) named.push(this.body.field);
    return named.filter((n) => n && n !== "body");
  }
}

export function setCsrf(token) {
  csrf = token;
}

export async function api(method, path, { body, params, key } = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  const headers = { Accept: "application/json", "Accept-Language": lang() === "zh" ? "zh-CN" : "en" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    if (csrf) headers["X-CSRF-Token"] = csrf;
    headers["Idempotency-Key"] = key || crypto.randomUUID();
  }
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Problem(response.status, data);
  return data;
}

export const get = (path, params) => api("GET", path, { params });
export const post = (path, body) => api("POST", path, { body });
