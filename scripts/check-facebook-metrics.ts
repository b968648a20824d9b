// Imports the whole "Facebook metrics" dataset (Moro et al. 2016, CC BY 4.0) with the domain's history
// importer and prints what was imported, rejected and flagged, and the engagement rates of a few posts.
// Usage: node --import tsx scripts/check-facebook-metrics.ts [path/to/dataset_Facebook.csv]
// (default: ../shared/data/facebook-metrics/dataset_Facebook.csv, relative to the repository root).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  engagementRateByImpressions,
  facebookPostEngagement,
  importFacebookMetrics,
  isReported,
  type Count,
  type ImportedFacebookPost,
  type MetricResult,
} from '@sillage/domain';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.resolve(
  process.argv[2] ?? path.join(root, '..', 'shared', 'data', 'facebook-metrics', 'dataset_Facebook.csv'),
);
const samplePostLines = [2, 3, 5, 122, 478];

function show(result: MetricResult<number>, digits = 6): string {
  if (result.kind === 'value') return result.value.toFixed(digits);
  return `${result.kind} (${result.reason})`;
}

function text(count: Count | ImportedFacebookPost['type']): string {
  return typeof count === 'object' ? 'n/r' : String(count);
}

function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

let csv: string;
try {
  csv = readFileSync(file, 'utf8');
} catch (error) {
  process.stderr.write(
    `Cannot read ${file}: ${(error as Error).message}\nPass the dataset path as the first argument.\n`,
  );
  process.exit(2);
}

const result = importFacebookMetrics(csv);
const dataLines = csv
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.trim() !== '').length;
print(`File: ${file}`);
print(`Data rows: ${dataLines}`);
print(`Rows imported: ${result.posts.length}`);
print(`Rows rejected: ${result.rejected.length}`);
for (const issue of result.rejected) print(`  ${issue.message}`);
print(`Rows imported with empty fields (kept as "not reported"): ${result.incomplete.length}`);
for (const issue of result.incomplete) print(`  ${issue.message}`);
print(`Rows flagged as inconsistent (kept): ${result.flagged.length}`);
for (const issue of result.flagged) print(`  ${issue.message}`);

print();
print('Engagement rates of sample posts (engagements = Total Interactions = comments + likes + shares):');
print('  line  type    paid  engagements  reach   impressions  by reach  by impressions');
for (const line of samplePostLines) {
  const post = result.posts.find((candidate) => candidate.line === line);
  if (post === undefined) continue;
  const rates = facebookPostEngagement(post);
  const paid = typeof post.paid === 'boolean' ? (post.paid ? 'yes' : 'no') : 'n/r';
  const cells = [
    String(line).padEnd(5),
    text(post.type).padEnd(7),
    paid.padEnd(5),
    show(rates.engagements, 0).padEnd(12),
    text(post.reach).padEnd(7),
    text(post.impressions).padEnd(12),
    show(rates.rateByReach).padEnd(9),
    show(rates.rateByImpressions),
  ];
  print(`  ${cells.join(' ')}`);
}

function rateByImpressions(posts: ImportedFacebookPost[]): MetricResult<number> {
  return engagementRateByImpressions(
    posts.map((post) => ({ engagements: post.interactions, impressions: post.impressions })),
  );
}
const isPaid = (paid: ImportedFacebookPost['paid']) => paid === true;
const isOrganic = (paid: ImportedFacebookPost['paid']) => paid === false;
const meanOfRates = (() => {
  const rates = result.posts
    .map((post) => facebookPostEngagement(post).rateByImpressions)
    .flatMap((rate) => (rate.kind === 'value' ? [rate.value] : []));
  return rates.reduce((total, rate) => total + rate, 0) / rates.length;
})();
const reachCount = (count: Count) => (isReported(count) ? count : 0);

print();
print('Engagement rate by impressions over all posts (sum of engagements / sum of impressions):');
print(`  all posts: ${show(rateByImpressions(result.posts))}`);
print(`  paid: ${show(rateByImpressions(result.posts.filter((post) => isPaid(post.paid))))}`);
print(`  organic: ${show(rateByImpressions(result.posts.filter((post) => isOrganic(post.paid))))}`);
print(`  (the mean of the posts' own rates would be ${meanOfRates.toFixed(6)}: not what Sillage shows)`);
print(
  `Summed post reach (an upper bound, not a reach): ${result.posts.reduce((total, post) => total + reachCount(post.reach), 0)}`,
);
print(
  JSON.stringify({
    check: 'facebook-metrics',
    rows: dataLines,
    imported: result.posts.length,
    rejected: result.rejected.length,
    incomplete: result.incomplete.map((issue) => issue.line),
    flagged: result.flagged.map((issue) => issue.line),
  }),
);
