import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ACCEPTANCE_EVENTS, ACCEPTANCES, isAccepted, nextAcceptance, type Acceptance, type AcceptanceEvent } from './acceptance';

// The whole table, written out independently of the implementation ('-' = refused).
const expected: Record<Acceptance, Record<AcceptanceEvent, Acceptance | '-'>> = {
  undecided: { seen: 'unverified', verify: 'verified', unverify: '-', reject: 'rejected', reconsider: '-' },
  unverified: { seen: 'unverified', verify: 'verified', unverify: 'unverified', reject: 'rejected', reconsider: '-' },
  verified: { seen: 'verified', verify: 'verified', unverify: 'unverified', reject: 'rejected', reconsider: '-' },
  rejected: { seen: 'rejected', verify: '-', unverify: '-', reject: 'rejected', reconsider: 'undecided' },
};

describe('OpenPGP acceptance transitions', () => {
  it('match the documented table for every state and event', () => {
    for (const s of ACCEPTANCES) {
      for (const ev of ACCEPTANCE_EVENTS) {
        const r = nextAcceptance(s, ev);
        const want = expected[s][ev];
        if (want === '-') assert.equal(r.ok, false, `${s} --${ev}--> must be refused`);
        else assert.deepEqual(r, { ok: true, state: want }, `${s} --${ev}-->`);
        if (!r.ok) assert.match(r.reason, new RegExp(ev));
      }
    }
  });

  it('only undecided and rejected keys are not accepted', () => {
    assert.deepEqual(ACCEPTANCES.filter(isAccepted), ['unverified', 'verified']);
  });

  it('no sequence of automatic "seen" events ever revives a rejected key or downgrades a verified one', () => {
    fc.assert(fc.property(fc.constantFrom(...ACCEPTANCES), fc.array(fc.constantFrom(...ACCEPTANCE_EVENTS), { maxLength: 12 }), (start, events) => {
      let state = start;
      for (const ev of events) {
        const before = state;
        const r = nextAcceptance(state, ev);
        if (r.ok) state = r.state;
        if (ev === 'seen') assert.ok(before === 'undecided' ? state === 'unverified' : state === before);
        // Leaving "rejected" takes the explicit reconsider, and it lands on undecided, never on accepted.
        if (before === 'rejected' && state !== 'rejected') assert.deepEqual([ev, state], ['reconsider', 'undecided']);
        if (state === 'verified' && before !== 'verified') assert.equal(ev, 'verify');
      }
    }));
  });
});
