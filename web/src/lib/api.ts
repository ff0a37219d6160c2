// A small fetch wrapper for the servicepact API: JSON in and out, the CSRF token on every
// change, If-Match for versions, and RFC 9457 problem+json turned into ApiError.

import type { MessageKey, Translate } from './i18n';

export class ApiError extends Error {
  readonly status: number;
  /** The problem type's slug, e.g. "version-mismatch" (from "/problems/version-mismatch"). */
  readonly kind: string;
  readonly title: string;
  readonly detail: string;
  readonly field?: string;

  constructor(status: number, kind: string, title: string, detail: string, field?: string) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.kind = kind;
    this.title = title;
    this.detail = detail;
    this.field = field;
  }
}

/** Builds an ApiError from a response's status, content type and body text. */
export function problemFrom(status: number, contentType: string | null, bodyText: string): ApiError {
  let kind = '';
  let title = '';
  let detail = '';
  let field: string | undefined;
  const looksJson = /json/i.test(contentType ?? '') || /^\s*\{/.test(bodyText);
  if (looksJson) {
    try {
      const body = JSON.parse(bodyText) as Record<string, unknown>;
      if (body && typeof body === 'object') {
        if (typeof body.type === 'string') kind = body.type.replace(/^.*\/problems\//, '').replace(/^\//, '');
        if (typeof body.title === 'string') title = body.title;
        if (typeof body.detail === 'string') detail = body.detail;
        if (typeof body.field === 'string') field = body.field;
      }
    } catch {
      // not JSON after all: fall through to the status
    }
  }
  if (!kind) kind = status === 0 ? 'network' : `http-${status}`;
  if (!title) title = status === 0 ? 'Network error' : `HTTP ${status}`;
  return new ApiError(status, kind, title, detail, field);
}

/** A sentence for the person, in their language, for any error a call can raise. */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    return t('error.network');
  }
  const byKind: Record<string, MessageKey> = {
    'version-mismatch': 'error.conflict',
    'csrf-token-invalid': 'error.csrf',
    'not-found': 'error.notFound',
    network: 'error.network',
    forbidden: 'error.forbidden',
  };
  const key = byKind[error.kind];
  if (key) return t(key);
  if (error.status === 412 || error.status === 409) return t('error.conflict');
  if (error.status === 401) return t('error.session');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 404) return t('error.notFound');
  if (error.status === 422 || error.status === 400) return t('error.invalid', { detail: error.detail || error.title });
  if (error.status === 0) return t('error.network');
  return t('error.generic', { detail: error.detail || error.title });
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 412 || error.status === 409 || error.kind === 'version-mismatch');
}

export interface RequestOptions {
  body?: unknown;
  /** The version last seen; sent as If-Match: "<version>". */
  ifMatch?: number;
  /** Do not call onUnauthorized for a 401 (the sign-in call itself). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export interface ApiResult<T> {
  data: T;
  status: number;
  etag: string | null;
}

export class ApiClient {
  csrfToken: string | null = null;
  onUnauthorized: (() => void) | null = null;

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (cause) {
      if ((cause as Error)?.name === 'AbortError') throw cause;
      throw new ApiError(0, 'network', 'Network error', String(cause));
    }
    const text = response.status === 204 ? '' : await response.text();
    if (!response.ok) {
      const error = problemFrom(response.status, response.headers.get('Content-Type'), text);
      if (response.status === 401 && !options.quiet401) this.onUnauthorized?.();
      throw error;
    }
    const data = (text ? JSON.parse(text) : undefined) as T;
    return { data, status: response.status, etag: response.headers.get('ETag') };
  }

  get<T>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options).then((r) => r.data);
  }
  post<T>(path: string, body: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body }).then((r) => r.data);
  }
  patch<T>(path: string, body: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body }).then((r) => r.data);
  }
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
