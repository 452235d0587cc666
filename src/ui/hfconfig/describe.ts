/** Wording for the import panel, kept apart from the markup so it is testable without React. */
import type { UsedKey } from '../../core';
import type { ModelSpec } from '../../core';

/** One line per config key: the key and every field it set ("intermediate_size → ffnHidden, moe.expertHidden"). */
export function groupUsed(used: readonly UsedKey[]): { key: string; fields: string[] }[] {
  const byKey = new Map<string, string[]>();
  for (const u of used) {
    const field = u.field.replace(/^model\./, '');
    const fields = byKey.get(u.key) ?? [];
    if (!fields.includes(field)) fields.push(field);
    byKey.set(u.key, fields);
  }
  return [...byKey].map(([key, fields]) => ({ key, fields }));
}

/** "Mixtral: 32 layers, hidden 4096, 32 heads (8 KV), 8 experts, top-2" */
export function describeModel(m: Partial<ModelSpec>): string {
  const parts = [
    `${m.layers} layers`,
    `hidden ${m.hidden}`,
    `${m.heads} heads${m.kvHeads !== m.heads ? ` (${m.kvHeads} KV)` : ''}`,
  ];
  if (m.moe) {
    parts.push(`${m.moe.experts} experts, top-${m.moe.topK}`);
    if (m.moe.sharedExperts > 0) parts.push(`${m.moe.sharedExperts} shared`);
    if (m.moe.denseLayers > 0) parts.push(`${m.moe.denseLayers} dense first`);
  } else parts.push('dense');
  if (m.mla) parts.push('MLA');
  return `${m.name ?? 'Model'}: ${parts.join(', ')}`;
}

/** An error's message without its leading "key: ", since the key is shown beside it. */
export function messageAfterKey(key: string, message: string): string {
  return message.startsWith(`${key}: `) ? message.slice(key.length + 2) : message;
}
