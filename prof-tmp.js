const path=require('path');const fs=require('fs');
const ROOT=process.env.ROOT||'/work/main';
const { loadSeeds, SEEDS, readTextFile } = require(ROOT+'/out/src/core/bundled.js');
const { LibrarySession } = require(ROOT+'/out/src/core/library/session.js');
const { macroDecoderFrom } = require(ROOT+'/out/src/core/library/macroFallback.js');
const { Corpus } = require(ROOT+'/out/src/core/corpus.js');
const { finishSteps } = require(ROOT+'/out/src/core/steps.js');
(async()=>{
const bp = await import('@retorquere/bibtex-parser');
const seed = (file) => ({ text: readTextFile(path.join(ROOT, file), file), file });
const session = new LibrarySession({ listing: () => seed(SEEDS.listing), taxonomy: () => seed(SEEDS.topics), bibtex: { decodeMacro: macroDecoderFrom(bp) } });
const file='/tmp/bw/library.bib'; const bytes=new Uint8Array(fs.readFileSync(file));
const T=(name,f)=>{const t=performance.now();const v=f();console.log(name,(performance.now()-t).toFixed(0));return v;};
const r = T('load', ()=>finishSteps(session.load([file], [{file, bytes}], true)));
const seeds = loadSeeds(ROOT);
const classified = new Map(r.papers.map((p, i) => [p.id, r.topics[i]]));
const corpus = new Corpus(r.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, classified);
T('names', ()=>r.papers.forEach(p=>corpus.namesOf(p.id)));
const { Session } = require('inspector'); const s=new Session(); s.connect();
const post=(m,p)=>new Promise((res,rej)=>s.post(m,p||{},(e,v)=>e?rej(e):res(v)));
const which=process.argv[2]||'search';
if(!process.env.NOPROF){await post('Profiler.enable'); await post('Profiler.start');}
if(which==='search') T('search', ()=>corpus.searchIndex.toData());
if(which==='matcher') T('matcher', ()=>corpus.matcher);
if(which==='keys') { T('citeKeys', ()=>corpus.citeKeys); T('ids', ()=>corpus.identifiers); }
if(process.env.NOPROF)return;const {profile}=await post('Profiler.stop');
fs.mkdirSync('/tmp/s30/p-'+which,{recursive:true}); fs.writeFileSync('/tmp/s30/p-'+which+'/x.cpuprofile', JSON.stringify(profile));
})();
