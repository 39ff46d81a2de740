// Copies the README's console screenshots from the last e2e run (tests/.artifacts/e2e/, git-ignored) into
// docs/screenshots/. Run the console e2e files first:
//   npm test -- --selectProjects e2e --testPathPatterns console   (or the fast jest command in the README)
//   node scripts/readme-screenshots.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FROM = path.join(ROOT, 'tests', '.artifacts', 'e2e');
const TO = path.join(ROOT, 'docs', 'screenshots');

/** README name ← the e2e screenshot it is. */
const SHOTS = {
  'console-scheduler-week.png': 'schedules-week-added.png',
  'console-scheduler-calendar.png': 'schedules-calendar-national-day.png',
  'console-scheduler-exam-guidance.png': 'catalog-exam-guidance.png',
  'console-clerk-desk.png': 'desk-found-by-phone.png',
  'console-clerk-slip.png': 'desk-slip.png',
  'console-admin-staff.png': 'console-staff-list.png',
  'console-quality-audit.png': 'console-audit-expanded.png',
  'console-doctor-home.png': 'console-home-doctor.png',
};

fs.mkdirSync(TO, { recursive: true });
const missing = Object.values(SHOTS).filter((f) => !fs.existsSync(path.join(FROM, f)));
if (missing.length) {
  console.error(`not in ${FROM} (run the console e2e first): ${missing.join(', ')}`);
  process.exit(1);
}
for (const [name, from] of Object.entries(SHOTS)) fs.copyFileSync(path.join(FROM, from), path.join(TO, name));
console.log(`copied ${Object.keys(SHOTS).length} screenshots to docs/screenshots/`);
