// The e2e journeys share one local stack whose domain clock only moves forward (e2e/stackControl.ts), while the
// browser's own clock does not move. A journey that runs after a clock jump sees a server hours or days ahead of
// the page (a poll window the wizard computed from the page's clock is already past; a one-time code printed before
// the jump has expired). So journeys that move the clock run after every other journey, smallest jump first, and
// the rest keep Jest's own order. Which files move it is read from their source, so a new one cannot be missed;
// its place among the movers is its position in JUMPS (unknown movers go first, as the smallest).
const { readFileSync } = require('node:fs');
const { basename } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const MOVES_CLOCK = /\b(passTime|advanceClock)\(|control\('\/clock',\s*\{/;
// Smallest jump first: timebank +2 h, grievance past a promise (hours), grievanceDeadlines past two deadlines,
// budget past 公示's seven days, budgetRound (the same in the browser) past another seven.
const JUMPS = ['timebank', 'grievance', 'grievanceDeadlines', 'budget', 'budgetRound'];

const movesClock = (path) => path.endsWith('.e2e.ts') && MOVES_CLOCK.test(readFileSync(path, 'utf8'));
const jumpRank = (path) => JUMPS.indexOf(basename(path, '.e2e.ts'));

class ClockLastSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const movers = sorted.filter((t) => movesClock(t.path));
    if (!movers.length) return sorted;
    const rest = sorted.filter((t) => !movers.includes(t));
    return [...rest, ...movers.sort((a, b) => jumpRank(a.path) - jumpRank(b.path))];
  }
}

module.exports = ClockLastSequencer;
