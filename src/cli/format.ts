/**
 * The CLI's JSON: indented for reading, except the long lists of flat
 * records (a GPU, a timeline block, a transfer), which are written one per
 * line, so the largest evaluation stays a few megabytes (issue 10: at most
 * 5 MB) and a list still reads as a table.
 */
const ONE_PER_LINE = ['perGpu', 'timeline', 'transfers'] as const;

export function formatJson(value: object, compact: boolean): string {
  if (compact) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const shallow: Record<string, unknown> = { ...record };
  const lists = new Map<string, string>();
  for (const key of ONE_PER_LINE) {
    const list = record[key];
    if (!Array.isArray(list) || list.length === 0) continue;
    // A string no evaluation holds stands in for the list, then is replaced by its lines.
    const token = `\u0000${key}\u0000`;
    shallow[key] = token;
    lists.set(JSON.stringify(token), `[\n${list.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`);
  }
  let text = JSON.stringify(shallow, null, 2);
  for (const [token, lines] of lists) text = text.replace(token, () => lines);
  return text;
}
