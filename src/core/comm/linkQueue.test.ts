/**
 * queueOnLink: collectives on one link cannot hide more than the link carries
 * inside their windows (issue 14, item 6).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueOnLink, sharesLink, type LinkJob } from './linkQueue';

describe('queueOnLink', () => {
  it('ZeRO-3: gathers over all compute and the reduce in the last backward overflow together, not alone', () => {
    // Compute 3 s, last backward the final 2 s; gathers 2 s and reduce 2 s each fit alone.
    const r = queueOnLink([
      { seconds: 2, earliestStart: 0, deadline: 3 },
      { seconds: 2, earliestStart: 1, deadline: 3 },
    ]);
    // The link is busy 0–4 s: 4 s of traffic in a 3 s window leaves 1 s exposed.
    expect(r.exposed).toBeCloseTo(1, 12);
    expect(r.hidden).toBeCloseTo(3, 12);
  });

  it('the reduce alone cannot start before the last backward: reduce − last backward is exposed', () => {
    // Gathers 0.5 s leave the link idle until the last backward starts at 1 s.
    const r = queueOnLink([
      { seconds: 0.5, earliestStart: 0, deadline: 3 },
      { seconds: 2.5, earliestStart: 1, deadline: 3 },
    ]);
    expect(r.exposed).toBeCloseTo(0.5, 12);
  });

  it('disjoint windows (ZeRO-1/2: gather in the first forward, reduce in the last backward) add their own overflows', () => {
    const r = queueOnLink([
      { seconds: 1.5, earliestStart: 0, deadline: 1 },
      { seconds: 2.25, earliestStart: 1, deadline: 3 },
    ]);
    // The gather stalls compute 0.5 s, which moves the backward's window too.
    expect(r.exposed).toBeCloseTo(0.5 + 0.25, 12);
  });

  it('everything fits: nothing exposed, all hidden', () => {
    const r = queueOnLink([
      { seconds: 1, earliestStart: 0, deadline: 3 },
      { seconds: 1, earliestStart: 1, deadline: 3 },
      { seconds: 0, earliestStart: 2, deadline: 2 },
    ]);
    expect(r).toEqual({ exposed: 0, hidden: 2 });
  });

  const job: fc.Arbitrary<LinkJob> = fc
    .tuple(
      fc.double({ min: 0, max: 10, noNaN: true }),
      fc.double({ min: 0, max: 10, noNaN: true }),
      fc.double({ min: 0, max: 10, noNaN: true }),
    )
    .map(([seconds, a, b]) => ({ seconds, earliestStart: Math.min(a, b), deadline: Math.max(a, b) }));

  it('never hides more than the link carries: exposed ≥ Σ seconds − (last deadline − first start), and ≥ each job beyond its window', () => {
    fc.assert(
      fc.property(fc.array(job, { minLength: 1, maxLength: 6 }), (jobs) => {
        const r = queueOnLink(jobs);
        const total = jobs.reduce((a, j) => a + j.seconds, 0);
        const span = Math.max(...jobs.map((j) => j.deadline)) - Math.min(...jobs.map((j) => j.earliestStart));
        const eps = 1e-9 * (1 + total);
        expect(r.exposed).toBeGreaterThanOrEqual(total - span - eps);
        for (const j of jobs)
          expect(r.exposed).toBeGreaterThanOrEqual(j.seconds - (j.deadline - j.earliestStart) - eps);
        expect(r.exposed).toBeLessThanOrEqual(total + eps);
        expect(r.exposed + r.hidden).toBeCloseTo(total, 9);
      }),
      { numRuns: 500 },
    );
  });

  it('with one deadline (the end of compute), exposed is the single-server bound: max over starts r of r + work starting at or after r − end', () => {
    fc.assert(
      fc.property(
        fc.array(job, { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (js, end) => {
          const jobs = js.map((j) => ({ ...j, earliestStart: Math.min(j.earliestStart, end), deadline: end }));
          const finish = Math.max(
            0,
            ...jobs.map(
              (k) =>
                k.earliestStart +
                jobs.filter((j) => j.earliestStart >= k.earliestStart).reduce((a, j) => a + j.seconds, 0),
            ),
          );
          expect(queueOnLink(jobs).exposed).toBeCloseTo(Math.max(0, finish - end), 9);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('sharesLink', () => {
  const span = (size: number, nodes: number) => ({ size, maxPerNode: Math.ceil(size / nodes), nodes });
  it('two groups in a node share NVLink; two across nodes share the NIC; one of each, or a group of one, share nothing', () => {
    expect(sharesLink(span(4, 1), span(2, 1))).toBe(true);
    expect(sharesLink(span(16, 2), span(8, 4))).toBe(true);
    expect(sharesLink(span(4, 1), span(8, 4))).toBe(false);
    expect(sharesLink(span(1, 1), span(2, 1))).toBe(false);
  });
});
