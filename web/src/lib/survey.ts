/**
 * The survey link the portal shows on a solved or closed ticket (issue 8). The server sends
 * an absolute URL built from its configured public address; the portal is served by that same
 * server, so the link is rebuilt on the page's own origin from the token alone. A corrupted or
 * hostile value can thus never become a javascript: link or send customers elsewhere.
 */
export function safeSurveyUrl(url: string | null | undefined, origin: string): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, origin);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!parsed.pathname.endsWith('/survey')) return null;
  const token = parsed.searchParams.get('token');
  if (!token || token.length > 200) return null;
  return `${new URL(origin).origin}/survey?token=${encodeURIComponent(token)}`;
}
