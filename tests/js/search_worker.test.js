/*
 * Unit tests of the archive's search worker (overrides/assets/javascripts/workers/): how it folds text,
 * splits a query into phrases, matches them and ranks pages.  Run with `node --test tests/js/`.
 *
 * The worker is tested against the index the real builder writes: build_fixture.py turns the invented
 * pages of fixture.json into a split index in a temporary folder, and the worker reads it through
 * a loader that counts what it fetches.  Folding is checked against tests/data/search_fold.json, the
 * cases the Python side (build_scripts/site/search_text.py) must pass too.
 */
"use strict"

const { test, before } = require("node:test")
const assert = require("node:assert/strict")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { execFileSync } = require("node:child_process")

const ROOT = path.resolve(__dirname, "..", "..")
const WORKERS = path.join(ROOT, "overrides", "assets", "javascripts", "workers")
const [WORKER] = fs.readdirSync(WORKERS).filter(name => /^search\..*\.js$/.test(name))
const worker = require(path.join(WORKERS, WORKER))
const PYTHON = process.env.PYTHON || path.join(ROOT, ".venv", "bin", "python")

let site, manifest, fetched

function open() {
  fetched = []
  return worker.createSearch(async file => {
    fetched.push(file)
    return JSON.parse(fs.readFileSync(path.join(site, manifest.path, `${file}.json`), "utf8"))
  }, manifest)
}

async function search(query) {
  const { items } = await open().search(query)
  return items.map(([page, ...paragraphs]) => ({ page, paragraphs, location: page.location }))
}

before(() => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), "search-fixture-"))
  execFileSync(PYTHON, [path.join(__dirname, "build_fixture.py"), site], { cwd: ROOT })
  manifest = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8")).config.archive
})

/* Folding ----------------------------------------------------------------- */

test("folding gives every case of the shared file", () => {
  const { cases } = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "data", "search_fold.json"), "utf8"))
  for (const { text, folded, why } of cases)
    assert.equal(worker.folded(text), folded, `${text}: ${why}`)
})

test("each folded character points back at the text it stands for", () => {
  const text = "开展“两学一做”学习教育1399户"
  const { chars, from, to } = worker.fold(text)
  const start = chars.indexOf("两")
  const end = chars.lastIndexOf("育") + 1
  assert.equal(text.slice(from[start], to[end - 1]), "两学一做”学习教育")
  const digits = chars.indexOf("1")
  assert.equal(text.slice(from[digits - 1], to[digits + 4]), "1399")  /* the boundaries add nothing */
})

/* Phrases ----------------------------------------------------------------- */

test("a query is split at spaces, ideographic ones too, and punctuation-only words are dropped", () => {
  assert.deepEqual(worker.words("  党员中心户　集体经济 “” "), ["党员中心户", "集体经济"])
})

test("Latin words are pinyin or English keys, with or without tone marks or numbers; numbers are not", () => {
  assert.equal(worker.latinKey("dǎngyuán"), "dangyuan")
  assert.equal(worker.latinKey("Dang3yuan2"), "dangyuan")
  assert.equal(worker.latinKey("party-member"), "partymember")
  assert.equal(worker.latinKey("1399"), null)
  assert.equal(worker.latinKey("G20"), null)
  assert.equal(worker.latinKey("党员"), null)
})

test("spaced and unspaced pinyin are one phrase; an unknown word stays a phrase of its own", async () => {
  const phrases = await open().phrases("dangyuan zhongxinhu xyzzy dangyuanzhongxinhu")
  assert.deepEqual(phrases.map(p => p.typed), ["dangyuan zhongxinhu", "xyzzy"])  /* the same phrase once */
  assert.ok(phrases[0].alternatives.some(a => a.text === "党员中心户" && a.via === "pinyin"))
  assert.deepEqual(phrases[1].alternatives.map(a => a.via), [null])
})

test("traditional characters are searched as typed and as simplified", async () => {
  const [phrase] = await open().phrases("黨員中心戶")
  assert.deepEqual(phrase.alternatives.map(a => [a.text, a.via]),
    [["黨員中心戶", null], ["党员中心户", "traditional"]])
})

test("a place's short form brings its full name and other short forms, and back", async () => {
  const [short] = await open().phrases("锡盟")
  assert.deepEqual(short.alternatives.map(a => a.text).sort(), ["锡林郭勒", "锡林郭勒盟", "锡盟"])
  const [full] = await open().phrases("锡林郭勒盟")
  assert.ok(full.alternatives.some(a => a.text === "锡盟" && a.via === "alias"))
})

test("a Latin query fetches the keys of its first letters only, and only those the index has", async () => {
  await open().phrases("dangyuan zhongxinhu vvv")
  assert.deepEqual(fetched.filter(f => f.startsWith("k/")).sort(), ["k/d", "k/z"])
  assert.ok(!manifest.keys.includes("v"))
})

/* Matching ---------------------------------------------------------------- */

test("a phrase typed without the text's quotation marks is found, and marked on the text as printed", async () => {
  const [alpha] = await search("两学一做学习教育")
  assert.equal(alpha.location, "reports/alpha/")
  assert.match(alpha.paragraphs[0].text, /<mark>两学一做”学习教育<\/mark>/)
  assert.equal(alpha.paragraphs[0].location, "reports/alpha/#p1")
  assert.ok(alpha.page.terms["两学一做”学习教育"], "the page-side highlight gets the text as printed")
})

test("a phrase never matches merely its parts", async () => {
  const locations = (await search("党员中心户")).map(r => r.location)
  assert.ok(locations.includes("reports/alpha/"))
  assert.ok(!locations.includes("reports/beta/"), "党员、中心户 is not 党员中心户")
})

test("numbers match whole: not inside a longer number or after a decimal point", async () => {
  assert.deepEqual((await search("1399")).map(r => r.location), ["reports/alpha/"])
  assert.deepEqual((await search("13990")).map(r => r.location), ["reports/alpha/"])
  assert.deepEqual((await search("1.1399")).map(r => r.location), ["reports/beta/"])
  const [percent] = await search("51.9%")
  assert.match(percent.paragraphs[0].text, /<mark>51\.9%<\/mark>/)
})

test("pinyin finds the term's reports and glossary entry, and says which term it matched", async () => {
  const results = await search("dangyuan zhongxinhu")
  const locations = results.map(r => r.location)
  assert.deepEqual(locations.slice(0, 2).sort(), ["reports/alpha/", "reports/gamma/"])
  assert.ok(locations.includes("glossary/党员中心户/"))
  assert.match(results[0].paragraphs[0].text, /拼音 Pinyin dangyuan zhongxinhu → 党员中心户/)
  assert.ok(results[0].page.terms["党员中心户"])
})

test("an English gloss and a byline name's pinyin lead to the reports", async () => {
  assert.ok((await search("Party-member central household")).some(r => r.location === "reports/gamma/"))
  const [byline] = await search("bai yunfei")
  assert.equal(byline.location, "reports/alpha/")
  assert.match(byline.page.text, /拼音 Pinyin bai yunfei → 白云飞/)
})

test("a short form found for a place is not counted inside another place's name", async () => {
  const locations = (await search("克什克腾旗")).map(r => r.location)
  assert.ok(locations.includes("reports/gamma/"), "克旗 is 克什克腾旗")
  assert.ok(!locations.includes("reports/beta/"), "鄂托克旗 is not")
})

test("a glossary term reached by another form keeps its not_in guard; typed, it is literal", async () => {
  const byPinyin = await search("dangzu")
  assert.equal(byPinyin.length, 1)
  assert.doesNotMatch(byPinyin[0].paragraphs[0].text, /党组<\/mark>织/)
  const typed = (await search("党组")).map(r => r.location)
  assert.deepEqual(typed.sort(), ["reports/alpha/", "reports/beta/"])
})

/* Ranking ----------------------------------------------------------------- */

test("a query of several phrases lists the pages containing them all, reports first, the named page next",
  async () => {
    const results = await search("党员中心户 两学一做")
    assert.deepEqual(results.slice(0, 2).map(r => r.location).sort(), ["reports/alpha/", "reports/gamma/"])
    assert.deepEqual(results.slice(2).map(r => r.location), [])  /* the glossary entries name one phrase each */
    const named = await search("党员中心户 牧户")
    assert.deepEqual(named.map(r => r.location), ["reports/alpha/"])
    const either = (await search("党员中心户")).map(r => r.location)
    assert.equal(either.indexOf("glossary/党员中心户/"), 2, either)  /* after the two reports */
  })

test("when no page contains every phrase, those with the most are listed and the lacking phrase struck out",
  async () => {
    const results = await search("党员中心户 xyzzy")
    assert.ok(results.length >= 3)
    assert.ok(results.every(r => r.page.terms.xyzzy === false))
    assert.deepEqual(worker.mostPhrases([{ found: [true, false] }, { found: [true, true] }, { found: [false, true] }])
      .map(p => p.found), [[true, true]])
  })

test("rank orders by phrases, then boosted pages, naming, boost, occurrences and page order", () => {
  const page = (doc, phrases, boost, named, occurrences) => ({ doc, phrases, row: { boost }, named, occurrences })
  const pages = [page(0, 1, 5, 0, 9), page(1, 2, 1, 3, 1), page(2, 2, 5, 0, 1), page(3, 1, 1, 3, 1),
    page(4, 1, 5, 0, 9), page(5, 1, 0.2, 0, 50)]
  assert.deepEqual(pages.sort(worker.rank).map(p => p.doc), [2, 1, 0, 4, 3, 5])
})

test("beyond the first pages results come without snippets, and only their titles are fetched", async () => {
  const results = await search("嘎查村")
  assert.equal(results.length, 30)
  assert.equal(fetched.filter(f => f.startsWith("t/")).length, 24)
  assert.ok(results[0].paragraphs.length > 0)
  const last = results[results.length - 1]
  assert.equal(last.paragraphs.length, 0)
  assert.match(last.page.text, /通辽市 · 2020 · 1 处 matches/)
})

/* Index ------------------------------------------------------------------- */

test("every gram sits in the shard the worker looks in", () => {
  for (const [kind, count] of [["g", manifest.grams], ["c", manifest.chars]])
    for (let n = 0; n < count; n++) {
      const shard = JSON.parse(fs.readFileSync(path.join(site, manifest.path, kind, `${n}.json`), "utf8"))
      for (const gram of Object.keys(shard))
        assert.equal(worker.shardOf(gram, count), n, `${kind} ${gram}`)
    }
})
