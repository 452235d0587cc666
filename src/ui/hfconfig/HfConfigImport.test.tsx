import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MIXTRAL_8X7B } from '../../../test/hfConfigs';
import { modelFromHfConfig } from '../../core';
import { HfConfigImport } from './HfConfigImport';
import { HfConfigResultView } from './HfConfigResultView';
import { describeModel, groupUsed, messageAfterKey } from './describe';

const noop = () => {};

describe('HfConfigImport', () => {
  it('renders a labelled textarea, a file input for .json and a disabled Apply button when empty', () => {
    const html = renderToStaticMarkup(<HfConfigImport onApply={noop} />);
    expect(html).toContain('Import from a Hugging Face config.json');
    const textareaId = /<textarea[^>]*id="([^"]+)"/.exec(html)?.[1];
    expect(textareaId).toBeTruthy();
    expect(html).toContain(`for="${textareaId}"`);
    const fileId =
      /<input[^>]*id="([^"]+)"[^>]*type="file"/.exec(html)?.[1] ??
      /<input[^>]*type="file"[^>]*id="([^"]+)"/.exec(html)?.[1];
    expect(fileId).toBeTruthy();
    expect(html).toContain(`for="${fileId}"`);
    expect(html).toContain('accept=".json,application/json"');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="hf-apply"[^>]*>Apply to scenario<\/button>/);
    expect(html).not.toContain('hf-result');
  });

  it('with a config: what was used, ignored and noted, and Apply enabled', () => {
    const html = renderToStaticMarkup(
      <HfConfigImport onApply={noop} initialText={JSON.stringify(MIXTRAL_8X7B)} defaultOpen />,
    );
    expect(html).toContain('<details');
    expect(html).toMatch(/<details[^>]*open=""/);
    expect(html).toContain('mistralai/Mixtral-8x7B-v0.1: 32 layers, hidden 4096, 32 heads (8 KV), 8 experts, top-2');
    expect(html).toContain('Used:');
    expect(html).toContain('<code');
    expect(html).toMatch(/intermediate_size<\/code> → ffnHidden, moe.expertHidden/);
    expect(html).toMatch(/Ignored: \d+ keys/);
    expect(html).toContain('rope_theta');
    expect(html).toContain('no moe_intermediate_size');
    expect(html).toMatch(/<button[^>]*data-testid="hf-apply"[^>]*>Apply to scenario/);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="hf-apply"/);
  });

  it('with bad input: the errors, naming the keys, in an alert', () => {
    const html = renderToStaticMarkup(<HfConfigImport onApply={noop} initialText='{"hidden_size": "abc"}' />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('This config cannot be read');
    expect(html).toMatch(/<code[^>]*>hidden_size<\/code> expected a positive integer, got &quot;abc&quot;/);
    expect(html).toMatch(/<code[^>]*>num_hidden_layers<\/code> missing/);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="hf-apply"/);
    expect(renderToStaticMarkup(<HfConfigImport onApply={noop} initialText="{ nope" />)).toContain('not valid JSON');
  });
});

describe('HfConfigResultView and its wording', () => {
  it('renders a result without ignored keys or notes', () => {
    const r = modelFromHfConfig({
      num_hidden_layers: 2,
      hidden_size: 64,
      num_attention_heads: 4,
      vocab_size: 100,
      intermediate_size: 128,
      hidden_act: 'silu',
      tie_word_embeddings: true,
      model_type: 'tiny',
    });
    expect(r.ok).toBe(true);
    const html = renderToStaticMarkup(<HfConfigResultView result={r} />);
    expect(html).toContain('Ignored: none');
    expect(html).toContain('tiny: 2 layers, hidden 64, 4 heads, dense');
  });

  it('groups keys that set several fields, strips the repeated key from messages', () => {
    expect(
      groupUsed([
        { key: 'intermediate_size', field: 'model.ffnHidden', value: 1 },
        { key: 'hidden_size', field: 'model.hidden', value: 2 },
        { key: 'intermediate_size', field: 'model.moe.expertHidden', value: 1 },
      ]),
    ).toEqual([
      { key: 'intermediate_size', fields: ['ffnHidden', 'moe.expertHidden'] },
      { key: 'hidden_size', fields: ['hidden'] },
    ]);
    expect(messageAfterKey('hidden_size', 'hidden_size: expected x')).toBe('expected x');
    expect(messageAfterKey('num_key_value_heads', 'model.kvHeads: 5 ...')).toBe('model.kvHeads: 5 ...');
    expect(
      describeModel({
        name: 'D',
        layers: 61,
        hidden: 7168,
        heads: 128,
        kvHeads: 128,
        moe: {
          experts: 256,
          topK: 8,
          expertHidden: 2048,
          sharedExperts: 1,
          sharedExpertHidden: 2048,
          denseLayers: 3,
          layerFrequency: 1,
        },
        mla: { qLoraRank: 1, kvLoraRank: 1, qkNopeHeadDim: 1, qkRopeHeadDim: 1, vHeadDim: 1 },
      }),
    ).toBe('D: 61 layers, hidden 7168, 128 heads, 256 experts, top-8, 1 shared, 3 dense first, MLA');
  });
});
