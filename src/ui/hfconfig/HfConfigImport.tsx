/**
 * Import a model from a Hugging Face config.json: paste it or drop the file,
 * see which keys were used for which field and what was assumed, then apply
 * it to the scenario. Props only: the caller decides what "apply" does.
 */
import { useId, useMemo, useState, type ChangeEvent, type DragEvent } from 'react';
import { modelFromHfConfigText } from '../../core';
import type { ModelSpec } from '../../core';
import { HfConfigResultView } from './HfConfigResultView';
import css from './hfconfig.module.css';

export interface HfConfigImportProps {
  /** Called with the model, in the scenario format (what goes under `scenario.model`). */
  onApply(model: Partial<ModelSpec>): void;
  /** Text to start with (tests, or a config handed over by another part of the page). */
  initialText?: string;
  /** Start expanded. */
  defaultOpen?: boolean;
}

/** A config.json is a few kB; anything this large is the wrong file (weights, say), and reading it would stall the page. */
const MAX_BYTES = 2_000_000;

export function HfConfigImport({ onApply, initialText = '', defaultOpen = false }: HfConfigImportProps) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [applied, setApplied] = useState(false);
  const result = useMemo(() => (text.trim() === '' ? null : modelFromHfConfigText(text)), [text]);

  const edit = (next: string, name: string | null) => {
    setText(next);
    setFileName(name);
    setFileError(null);
    setApplied(false);
  };

  const readFile = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError(
        `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; a config.json is a few kB. Is it the right file?`,
      );
      return;
    }
    file.text().then(
      (content) => edit(content, file.name),
      (err: unknown) =>
        setFileError(`${file.name} could not be read: ${err instanceof Error ? err.message : String(err)}`),
    );
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    readFile(e.dataTransfer.files[0]);
  };

  const onChoose = (e: ChangeEvent<HTMLInputElement>) => {
    readFile(e.currentTarget.files?.[0]);
    // Reset, so choosing the same file again (after editing it on disk) reads it again.
    e.currentTarget.value = '';
  };

  const apply = () => {
    if (!result?.ok) return;
    onApply(result.model);
    setApplied(true);
  };

  return (
    <details className={css.import} open={defaultOpen} data-testid="hf-import">
      <summary>Import from a Hugging Face config.json</summary>
      <p className="what">
        Paste or drop a model's config.json (Llama, Mistral, Mixtral, Qwen-MoE, DeepSeek, gpt-oss, DBRX, OLMoE, GPT-2
        key names). The import lists which keys set which field and what it had to assume.
      </p>
      <label htmlFor={`${id}-text`} className={css.label}>
        config.json contents
      </label>
      <textarea
        id={`${id}-text`}
        className={css.textarea}
        value={text}
        spellCheck={false}
        placeholder='{ "num_hidden_layers": 32, "hidden_size": 4096, ... }'
        aria-describedby={`${id}-status`}
        onChange={(e) => edit(e.currentTarget.value, null)}
      />
      <div
        className={dragging ? `${css.drop} ${css.dropActive}` : css.drop}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="hf-drop"
      >
        <span>Drop config.json here, or </span>
        <label htmlFor={`${id}-file`} className={css.fileLabel}>
          choose a file
        </label>
        <input id={`${id}-file`} type="file" accept=".json,application/json" className={css.file} onChange={onChoose} />
        {fileName ? <span className={css.fileName}> (read {fileName})</span> : null}
      </div>
      <div id={`${id}-status`} aria-live="polite">
        {fileError ? (
          <p className={css.errors} role="alert">
            {fileError}
          </p>
        ) : null}
        {result ? <HfConfigResultView result={result} /> : null}
      </div>
      <div className={css.actions}>
        <button type="button" className={css.apply} disabled={!result?.ok} onClick={apply} data-testid="hf-apply">
          Apply to scenario
        </button>
        {text !== '' ? (
          <button type="button" className={css.clear} onClick={() => edit('', null)}>
            Clear
          </button>
        ) : null}
        {applied ? <span className={css.applied}>Applied: the model fields now come from this config.</span> : null}
      </div>
    </details>
  );
}
