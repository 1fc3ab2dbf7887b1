import { build } from 'esbuild';
import { bundleOptions } from './infra/bundling.js';
const name = process.argv[2] ?? 'cancel-order';
const kind = process.argv[3] ?? 'api';
const r = await build({ ...bundleOptions([{ kind: kind as any, name }], '/tmp/meta-out'), write: false, sourcemap: false });
const out = Object.values(r.metafile!.outputs)[0]!;
const byPkg = new Map<string, number>();
for (const [file, info] of Object.entries(out.inputs)) {
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file);
  const key = m ? m[1]! : file.split('/').slice(0, 2).join('/');
  byPkg.set(key, (byPkg.get(key) ?? 0) + info.bytesInOutput);
}
console.log('total', Math.round(out.bytes / 1024), 'KiB');
for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(String(Math.round(v / 1024)).padStart(5), k);
