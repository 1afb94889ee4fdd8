import { describe, expect, it } from 'vitest';
import { AppError, statusOf } from '../errors.js';
import { answer, availableActions, DISPATCH_KINDS, isComplete, validateKind, WHISTLE_KIND, type AnswerAction, type DispatchKind, type Side } from './engine.js';

const SIDES: Side[] = ['recipient', 'caller'];

// The expected outcome of every action, written out by hand (not derived from the definitions):
// [kind, action, side, from-state] → to-state ('=' keeps it). Anything not listed is refused.
const ALLOWED: Record<string, string> = {
  'directive report recipient pending': 'reported',
  'directive report recipient reported': 'reported',
  'whistle report recipient whistled': 'reported',
  'whistle claim recipient reported': 'handling',
  'whistle record recipient handling': '=',
  'whistle finish recipient handling': 'done',
  'whistle decline recipient whistled': 'declined',
  'whistle decline recipient reported': 'declined',
  'whistle reroute caller declined': 'rerouted',
  'whistle judicial caller whistled': '=',
  'whistle judicial caller reported': '=',
  'whistle judicial caller handling': '=',
  'whistle judicial caller done': '=',
};

describe('dispatch kinds', () => {
  for (const kind of Object.values(DISPATCH_KINDS) as DispatchKind[]) {
    it(`${kind.kind}: is well formed`, () => {
      expect(validateKind(kind)).toEqual([]);
    });

    it(`${kind.kind}: every state × action × side moves or refuses as the table says`, () => {
      for (const state of kind.states) {
        for (const [action, def] of Object.entries(kind.actions) as [string, AnswerAction<string>][]) {
          for (const side of SIDES) {
            const key = `${kind.kind} ${action} ${side} ${state}`;
            const expected = ALLOWED[key];
            let got: string | AppError;
            try {
              got = answer(kind, state as never, action as never, side);
            } catch (e) {
              got = e as AppError;
            }
            if (expected) {
              expect(got, key).toBe(expected === '=' ? state : expected);
            } else {
              expect(got, key).toBeInstanceOf(AppError);
              const err = got as AppError;
              if (def.by.includes(side)) {
                // a wrong state: the kind's own code, a 409, both languages
                expect(err.code, key).toBe(def.refuse.code);
                expect(statusOf(err.code), key).toBe(409);
                expect(err.messages.zh).toBe(def.refuse.zh);
                expect(err.messages.en).toBe(def.refuse.en);
              } else {
                expect(err.code, key).toBe('forbidden');
              }
            }
          }
        }
      }
      // and nothing allowed is missing from the definitions
      const declared = Object.keys(ALLOWED).filter((k) => k.startsWith(`${kind.kind} `));
      for (const key of declared) {
        const [, action, side, state] = key.split(' ') as [string, string, Side, string];
        expect(availableActions(kind, state, side), key).toContain(action);
      }
    });
  }

  it('an unknown action is a bad request', () => {
    expect(() => answer(DISPATCH_KINDS.bulletin, 'published', 'report' as never, 'recipient')).toThrow(AppError);
  });

  it('a whistle completes when every part in play is final and one is done; a directive only when its caller closes it', () => {
    expect(isComplete(WHISTLE_KIND, ['done', 'rerouted', 'done'])).toBe(true);
    expect(isComplete(WHISTLE_KIND, ['done', 'declined'])).toBe(true);
    expect(isComplete(WHISTLE_KIND, ['done', 'handling'])).toBe(false);
    expect(isComplete(WHISTLE_KIND, ['declined', 'rerouted'])).toBe(false);
    expect(isComplete(WHISTLE_KIND, [])).toBe(false);
    expect(isComplete(DISPATCH_KINDS.directive, ['reported', 'reported'])).toBe(false);
  });

  it('offers the department what it may do now, and the whistler its own actions', () => {
    expect(availableActions(WHISTLE_KIND, 'whistled', 'recipient').sort()).toEqual(['decline', 'report']);
    expect(availableActions(WHISTLE_KIND, 'handling', 'recipient').sort()).toEqual(['finish', 'record']);
    expect(availableActions(WHISTLE_KIND, 'declined', 'caller')).toEqual(['reroute']);
    expect(availableActions(WHISTLE_KIND, 'done', 'caller')).toEqual(['judicial']);
  });
});
