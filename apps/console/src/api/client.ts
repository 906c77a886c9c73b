import { currentLang } from '../i18n/i18n';

/** The API's one error shape (API.md "Conventions"). */
export interface ErrorBody {
  statusCode: number;
  error?: string;
  message?: string | string[];
  rule?: string;
  article?: string;
  details?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

let token: string | undefined;
/** The last position a command wrote: reads wait for it (read your own writes). */
let lastPosition = 0;

export const useToken = (t: string | undefined) => {
  token = t;
};

function withMinPosition(path: string): string {
  if (lastPosition === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}minPosition=${lastPosition}`;
}

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLang() === 'en' ? 'en' : 'zh-CN',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(method === 'GET' ? withMinPosition(path) : path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { statusCode: res.status, message: text };
  }
  if (!res.ok) throw new ApiError(res.status, (parsed ?? { statusCode: res.status }) as ErrorBody);
  const position = (parsed as { position?: unknown } | undefined)?.position;
  if (typeof position === 'number' && position > lastPosition) lastPosition = position;
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown) => api<T>('POST', path, body);

/** Query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * A request whose body or answer is not JSON (a camt.053 statement sent as XML,
 * a payment file or workbook downloaded): the same token, language and error
 * shape as `api`, the answer as a Blob.
 */
export async function fetchBlob(
  method: 'GET' | 'POST',
  path: string,
  body?: { text: string; contentType: string },
): Promise<Blob> {
  const headers: Record<string, string> = {
    'accept-language': currentLang() === 'en' ? 'en' : 'zh-CN',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = body.contentType;
  const res = await fetch(path, { method, headers, body: body?.text });
  if (!res.ok) {
    const text = await res.text();
    let parsed: ErrorBody;
    try {
      parsed = JSON.parse(text) as ErrorBody;
    } catch {
      parsed = { statusCode: res.status, message: text };
    }
    throw new ApiError(res.status, parsed);
  }
  return res.blob();
}

/** POST a body that is not JSON (a statement as XML); the answer is JSON like `api`'s. */
export async function postText<T>(path: string, text: string, contentType: string): Promise<T> {
  const blob = await fetchBlob('POST', path, { text, contentType });
  const parsed = JSON.parse(await blob.text()) as T;
  const position = (parsed as { position?: unknown }).position;
  if (typeof position === 'number' && position > lastPosition) lastPosition = position;
  return parsed;
}
