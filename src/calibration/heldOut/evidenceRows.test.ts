import { describe, expect, it } from 'vitest';
import { evidenceServingRows, evidenceTrainingRows, KEPT_APART_GROUPS } from './evidenceRows';

describe('the runs kept apart, by group (the README table)', () => {
  const rows = [...evidenceTrainingRows(), ...evidenceServingRows()];

  it('puts every evaluated run in one of the source groups, so none drops out of the table', () => {
    const sourceGroups = KEPT_APART_GROUPS.filter((g) => !g.name.startsWith('training, all'));
    for (const r of rows) {
      const groups = sourceGroups.filter((g) => g.has(r.id, r.classes)).map((g) => g.name);
      expect(groups, r.id).toHaveLength(1);
    }
  });
});
