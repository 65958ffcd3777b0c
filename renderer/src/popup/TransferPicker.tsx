// Where to transfer a call: type digits or a name; contacts (every number of each, with its
// label) and the board's colleagues are suggested as you type. An ARIA combobox: the arrows
// move through the suggestions, Enter picks the highlighted one (or takes what was typed),
// Escape closes the list, then the picker. The number is checked by the rule dialing uses
// before anything is sent, so text that is not a number never reaches the PBX.
import { useId, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { cleanDialNumber } from '../../../shared/dial-number';
import type { Contact } from '../../../shared/contacts/contact';
import type { BoardState } from '../../../shared/pbx-views';
import { useApi } from '../api-context';
import { settingsQuery, unwrap } from '../queries';
import { PBX_POLL_MS, pbxKeys } from '../pbx/pbx-queries';
import { labelText } from '../contacts/contact-labels';

/** At most this many suggestions are shown: the agent types on to narrow them. */
export const MAX_SUGGESTIONS = 8;

export interface TransferTarget {
  key: string;
  number: string;
  name: string;
  /** "Mobile 06 1234 5678" or "colleague, extension 102". */
  detail: string;
}

/** Lower case without accents, so "jose" finds "José". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function contactTargets(t: TFunction, contacts: readonly Contact[]): TransferTarget[] {
  return contacts.flatMap((c) =>
    c.numbers.map((n, i) => ({
      key: `c${c.id}-${i}`,
      number: n.number,
      name: c.name || c.company || n.number,
      detail: `${labelText(t, n.label)} ${n.number}`,
    })),
  );
}

/** The board's members (supervisors see it) whose extension or name matches. */
export function colleagueTargets(
  t: TFunction,
  board: BoardState | undefined,
  query: string,
): TransferTarget[] {
  const q = fold(query.trim());
  const digits = query.replace(/[^0-9]/g, '');
  if (!q) return [];
  const seen = new Map<string, string | null>();
  for (const queue of board?.queues ?? []) for (const m of queue.members) seen.set(m.num, m.name);
  for (const m of board?.members ?? []) if (!seen.has(m.num)) seen.set(m.num, m.name);
  const out: TransferTarget[] = [];
  for (const [num, name] of seen) {
    const hit = (digits && num.includes(digits)) || (name && fold(name).includes(q));
    if (hit)
      out.push({
        key: `x${num}`,
        number: num,
        name: name ?? num,
        detail: t('pbx.pick.colleague', { num }),
      });
  }
  return out;
}

function useSuggestions(query: string): TransferTarget[] {
  const { t } = useTranslation();
  const api = useApi();
  const q = query.trim();
  const settings = useQuery(settingsQuery(api));
  // The contacts search channel, as the contacts pane asks it (same cache entries).
  const found = useQuery({
    queryKey: ['contacts', 'search', q],
    queryFn: () => unwrap(api.searchContacts(q)),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  // Colleagues come from the supervisor board: the main window's (same cache entry), or read
  // once when the agent types in a window without the board (the popup window).
  const board = useQuery({
    queryKey: pbxKeys.board,
    queryFn: () => unwrap(api.pbxBoard(true)),
    enabled: q.length > 0 && settings.data?.settings.supervisor.enabled === true,
    staleTime: PBX_POLL_MS,
  }).data;
  if (!q) return [];
  const contacts = found.data ? contactTargets(t, found.data.contacts) : [];
  return [...contacts, ...colleagueTargets(t, board, q)].slice(0, MAX_SUGGESTIONS);
}

export function TransferPicker(props: {
  /** The input's label: "Transfer to", "Consult first". */
  label: string;
  /** The button that takes what was typed: "Transfer now", "Call first". */
  go: string;
  busy: boolean;
  /** A clean number (spaces, brackets gone, letters as keypad digits). */
  onPick(number: string): void;
  onCancel?(): void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const [value, setValue] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [problem, setProblem] = useState<string | null>(null);
  const targets = useSuggestions(value);
  const shown = open && targets.length > 0;
  const current = shown && active >= 0 ? targets[active] : undefined;

  function pick(raw: string): void {
    const clean = cleanDialNumber(raw);
    if (!clean.ok) {
      setProblem(t('pbx.pick.notANumber', { value: raw.trim().slice(0, 40) }));
      return;
    }
    setProblem(null);
    setOpen(false);
    props.onPick(clean.number);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    const n = targets.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!n) return;
      setOpen(true);
      const down = e.key === 'ArrowDown';
      setActive((a) => (!shown || a < 0 ? (down ? 0 : n - 1) : (a + (down ? 1 : n - 1)) % n));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (props.busy) return;
      if (current) pick(current.number);
      else if (value.trim()) pick(value);
    }
  }

  function onFormKeyDown(e: KeyboardEvent<HTMLFormElement>): void {
    if (e.key !== 'Escape') return;
    // Escape closes the list, then the picker; never the whole card.
    e.preventDefault();
    e.stopPropagation();
    if (shown) setOpen(false);
    else props.onCancel?.();
  }

  return (
    <form
      className="cc-transfer"
      onKeyDown={onFormKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) pick(value);
      }}
    >
      <label htmlFor={id}>{props.label}</label>
      <div className="cc-combo">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          autoFocus={props.autoFocus}
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={shown ? listId : undefined}
          aria-activedescendant={current ? `${listId}-${active}` : undefined}
          value={value}
          placeholder={t('pbx.call.transferHint')}
          onChange={(e) => {
            setValue(e.target.value);
            setOpen(true);
            setActive(-1);
            setProblem(null);
          }}
          onBlur={(e) => {
            // Closed when the focus leaves the picker; not on the way to its own buttons, as
            // the list going away would move those buttons (and the card) under the pointer.
            if (!e.currentTarget.form?.contains(e.relatedTarget as Node | null)) setOpen(false);
          }}
          onKeyDown={onKeyDown}
        />
        {shown ? (
          <ul
            className="cc-suggestions"
            role="listbox"
            id={listId}
            aria-label={t('pbx.pick.suggestions')}
          >
            {targets.map((x, i) => (
              <li
                key={x.key}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                aria-label={t('pbx.pick.option', { name: x.name, detail: x.detail })}
                className={i === active ? 'active' : undefined}
                // Keeps the focus in the input, so the click is not lost to its blur.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(x.number)}
              >
                <span className="cc-pick-name">{x.name}</span>{' '}
                <span className="cc-pick-detail">{x.detail}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <button type="submit" className="primary" disabled={!value.trim() || props.busy}>
        {props.go}
      </button>
      {props.onCancel ? (
        <button type="button" onClick={props.onCancel}>
          {t('pbx.call.cancel')}
        </button>
      ) : null}
      {problem ? (
        <p role="alert" className="pbx-refusal">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
