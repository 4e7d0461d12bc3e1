/**
 * The form for an entity of the reader's own: name, type, spellings (with the knowledge base's case rule and
 * "may name someone else"), the declined forms Backstory will find, a description, dated facts with their
 * sources, a topic, and optionally the entity it adds to. Spellings that another entity has are shown as the
 * reader types, before anything is saved. Props in, callbacks out.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseRule } from '../lib/kb/schema';
import type { EntityFormState, FactField, SpellingField } from '../lib/packs/form';
import type { EntityCheck } from '../lib/packs/personal';
import { TYPE_LABELS } from './format';

export interface EntityFormProps {
  initial: EntityFormState;
  /** Topics to file the entity under (full ids), with the title of their pack. */
  topics: readonly { id: string; name: string; packTitle: string }[];
  /** Entities this one may add to (full ids). */
  entities: readonly { id: string; name: string }[];
  /** The declined forms of the name that Backstory will find too. */
  suggest(form: EntityFormState): Promise<string[]>;
  check(form: EntityFormState): Promise<EntityCheck>;
  onSave(form: EntityFormState): Promise<EntityCheck>;
  onCancel(): void;
}

/** Languages whose names Backstory declines or whose press it reads, by tag. */
export const LANGUAGES: readonly [string, string][] = [
  ['en', 'English'],
  ['be', 'Belarusian'],
  ['be-Latn', 'Belarusian (Łacinka)'],
  ['ru', 'Russian'],
  ['uk', 'Ukrainian'],
  ['pl', 'Polish'],
  ['lt', 'Lithuanian'],
  ['de', 'German'],
  ['fr', 'French'],
  ['cs', 'Czech'],
  ['sk', 'Slovak'],
  ['sv', 'Swedish'],
  ['', 'Other or none'],
];

const CASE_RULES: readonly [CaseRule, string][] = [
  ['initials', 'Capitals as written'],
  ['exact', 'Exactly as written (acronyms)'],
  ['any', 'Any case'],
];

/** How long typing rests before the spellings are checked again. */
const CHECK_DELAY_MS = 350;

function LanguageSelect(props: { id: string; value: string; label: string; onChange(value: string): void }) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
    >
      {LANGUAGES.map(([tag, name]) => (
        <option key={tag} value={tag}>
          {name}
        </option>
      ))}
    </select>
  );
}

export function EntityForm(props: EntityFormProps) {
  const [form, setForm] = useState(props.initial);
  const [forms, setForms] = useState<string[]>([]);
  const [check, setCheck] = useState<EntityCheck | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const set = (change: Partial<EntityFormState>) => setForm((f) => ({ ...f, ...change }));
  const setSpelling = (i: number, change: Partial<SpellingField>) =>
    setForm((f) => ({ ...f, spellings: f.spellings.map((s, j) => (j === i ? { ...s, ...change } : s)) }));
  const setFact = (i: number, change: Partial<FactField>) =>
    setForm((f) => ({ ...f, facts: f.facts.map((x, j) => (j === i ? { ...x, ...change } : x)) }));

  useEffect(() => nameRef.current?.focus(), []);
  // The declined forms and the clash check follow what is typed, once typing rests.
  useEffect(() => {
    if (!form.name.trim()) {
      setForms([]);
      setCheck(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      props.suggest(form).then(
        (f) => live && setForms(f),
        () => live && setForms([]),
      );
      props.check(form).then(
        (c) => live && setCheck(c),
        (e) => live && setCheck({ ok: false, error: String(e instanceof Error ? e.message : e) }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [form]);

  const entityName = (id: string) => (check?.ok ? check.names[id] : undefined) ?? props.entities.find((e) => e.id === id)?.name ?? id;
  const clashes = check?.ok ? check.clashes : [];
  const title = props.initial.id ? `Edit ${props.initial.name}` : 'Add an entity';

  return (
    <form
      class="entity-form"
      aria-labelledby="entity-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        setSaving(true);
        setSaveError(null);
        props.onSave(form).then(
          (result) => {
            setSaving(false);
            if (!result.ok) setSaveError(result.error);
          },
          (error) => {
            setSaving(false);
            setSaveError(String(error instanceof Error ? error.message : error));
          },
        );
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <h2 id="entity-form-title">{title}</h2>
      <div class="field-row">
        <label class="field">
          <span>Name</span>
          <input
            ref={nameRef}
            type="text"
            required
            maxLength={200}
            value={form.name}
            onInput={(e) => set({ name: (e.currentTarget as HTMLInputElement).value })}
          />
        </label>
        <label class="field field-narrow">
          <span>Type</span>
          <select
            value={form.type}
            onChange={(e) => set({ type: (e.currentTarget as HTMLSelectElement).value as EntityFormState['type'] })}
          >
            {Object.entries(TYPE_LABELS).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="field-row">
        <label class="field" for="entity-name-lang">
          <span>Language of the name</span>
          <LanguageSelect id="entity-name-lang" label="Language of the name" value={form.lang} onChange={(lang) => set({ lang })} />
        </label>
        {form.type === 'person' && (
          <label class="field field-narrow">
            <span>Referred to as</span>
            <select
              value={form.gender}
              onChange={(e) => set({ gender: (e.currentTarget as HTMLSelectElement).value as EntityFormState['gender'] })}
            >
              <option value="">Not given</option>
              <option value="female">She</option>
              <option value="male">He</option>
            </select>
          </label>
        )}
      </div>
      {forms.length > 0 && (
        <p class="declined-forms small" data-declined>
          Backstory also finds: {forms.join(', ')}
        </p>
      )}
      {form.type === 'person' && !form.gender && ['be', 'be-Latn', 'ru', 'uk', 'pl', 'lt', 'cs', 'sk'].includes(form.lang) && (
        <p class="muted small">Say how the press refers to this person, and Backstory finds the declined forms of the name too.</p>
      )}

      <fieldset class="form-group">
        <legend>Other spellings</legend>
        {form.spellings.length === 0 && <p class="muted small">Other languages, scripts, transliterations, a surname alone.</p>}
        {form.spellings.map((s, i) => (
          <div class="spelling-row" key={i} data-spelling={i}>
            <input
              type="text"
              aria-label={`Spelling ${i + 1}`}
              maxLength={200}
              value={s.text}
              onInput={(e) => setSpelling(i, { text: (e.currentTarget as HTMLInputElement).value })}
            />
            <LanguageSelect
              id={`spelling-lang-${i}`}
              label={`Language of spelling ${i + 1}`}
              value={s.lang}
              onChange={(lang) => setSpelling(i, { lang })}
            />
            <select
              aria-label={`Letter case of spelling ${i + 1}`}
              value={s.case}
              onChange={(e) => setSpelling(i, { case: (e.currentTarget as HTMLSelectElement).value as CaseRule })}
            >
              {CASE_RULES.map(([rule, label]) => (
                <option key={rule} value={rule}>
                  {label}
                </option>
              ))}
            </select>
            <label class="check">
              <input
                type="checkbox"
                checked={s.ambiguous}
                onChange={(e) => setSpelling(i, { ambiguous: (e.currentTarget as HTMLInputElement).checked })}
              />
              May name someone else
            </label>
            <button
              type="button"
              class="icon-button"
              aria-label={`Remove spelling ${i + 1}`}
              onClick={() => setForm((f) => ({ ...f, spellings: f.spellings.filter((_, j) => j !== i) }))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          class="button"
          onClick={() =>
            setForm((f) => ({ ...f, spellings: [...f.spellings, { text: '', lang: f.lang, case: 'initials', ambiguous: false }] }))
          }
        >
          Add a spelling
        </button>
        <p class="muted small">
          “May name someone else”: a surname alone, say. It is marked only on a page that also names the entity in full.
        </p>
      </fieldset>

      {clashes.length > 0 && (
        <div class="clashes" role="status" data-clashes>
          <p>
            <strong>{clashes.length === 1 ? 'A spelling is' : 'Spellings are'} also another entity's:</strong>
          </p>
          <ul>
            {clashes.map((c) => (
              <li key={`${c.spelling} ${c.other}`}>
                “{c.spelling}” is also {entityName(c.other)}
                {c.pageDecides
                  ? ' (the page decides between them)'
                  : '. Mark one spelling “May name someone else”, or the first installed wins'}
              </li>
            ))}
          </ul>
        </div>
      )}

      <label class="field">
        <span>Description (one line)</span>
        <input
          type="text"
          required
          maxLength={160}
          value={form.description}
          onInput={(e) => set({ description: (e.currentTarget as HTMLInputElement).value })}
        />
      </label>
      <label class="field">
        <span>Summary (optional)</span>
        <textarea
          rows={3}
          maxLength={900}
          value={form.summary}
          onInput={(e) => set({ summary: (e.currentTarget as HTMLTextAreaElement).value })}
        />
      </label>

      <fieldset class="form-group">
        <legend>Dated facts</legend>
        {form.facts.map((f, i) => (
          <div class="fact-row" key={i} data-fact={i}>
            <input
              type="text"
              aria-label={`Date of fact ${i + 1} (YYYY, YYYY-MM or YYYY-MM-DD)`}
              placeholder="YYYY-MM-DD"
              pattern="\d{4}(-\d{2}(-\d{2})?)?"
              required
              value={f.date}
              onInput={(e) => setFact(i, { date: (e.currentTarget as HTMLInputElement).value })}
            />
            <input
              type="text"
              aria-label={`Fact ${i + 1}`}
              required
              value={f.text}
              onInput={(e) => setFact(i, { text: (e.currentTarget as HTMLInputElement).value })}
            />
            <input
              type="url"
              aria-label={`Source of fact ${i + 1} (https link)`}
              placeholder="https://"
              pattern="https://.*"
              required
              value={f.source}
              onInput={(e) => setFact(i, { source: (e.currentTarget as HTMLInputElement).value })}
            />
            <button
              type="button"
              class="icon-button"
              aria-label={`Remove fact ${i + 1}`}
              onClick={() => setForm((x) => ({ ...x, facts: x.facts.filter((_, j) => j !== i) }))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          class="button"
          onClick={() => setForm((x) => ({ ...x, facts: [...x.facts, { date: '', text: '', source: '' }] }))}
        >
          Add a fact
        </button>
      </fieldset>

      <div class="field-row">
        <label class="field">
          <span>Topic</span>
          <select value={form.topic} onChange={(e) => set({ topic: (e.currentTarget as HTMLSelectElement).value })}>
            {props.topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.packTitle})
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Adds to</span>
          <select value={form.extends} onChange={(e) => set({ extends: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">Nothing: stands alone</option>
            {props.entities.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
      </div>

      {check && !check.ok && (
        <p class="error" data-check-error>
          {check.error}
        </p>
      )}
      {saveError && (
        <p class="error" role="alert">
          Not saved: {saveError}
        </p>
      )}
      <div class="editor-actions">
        <button type="submit" class="button primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" class="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
