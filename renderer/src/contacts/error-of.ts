// The text of a failed contacts request, for the screen (the contacts list and the import step
// both show it; a file of its own so neither imports the other).
export function errorOf(r: { ok: false; error: unknown }): string {
  const e = r.error;
  if (e && typeof e === 'object' && 'message' in e)
    return String((e as { message: unknown }).message);
  return String(e);
}
