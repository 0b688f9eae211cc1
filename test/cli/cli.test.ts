import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TagDocument } from '../../src/core/render';
import { spawnSync } from 'node:child_process';
import { ensureBuilt, FIXTURES, ROOT, runCli } from '../support/cli';

type TagJson = TagDocument;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-cli-'));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
};

function assertNoStackTrace(stderr: string) {
  assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+/, `stack trace in: ${stderr}`);
}

describe('plod-tagger CLI', () => {
  describe('tag', () => {
    it('gives spans whose text is the slice of the file at their offsets, in every markup kind', () => {
      for (const name of ['paper.txt', 'paper.md', 'paper.tex', 'crlf-emoji.txt']) {
        const file = path.join(FIXTURES, name);
        const result = runCli(['tag', file, '--model', 'rules']);
        assert.equal(result.status, 0, result.stderr);
        const json = JSON.parse(result.stdout) as TagJson;
        const source = fs.readFileSync(file, 'utf8');
        assert.equal(json.file, file);
        assert.equal(json.model, 'rules');
        assert.ok(json.spans.length > 0, `no spans in ${name}`);
        for (const span of json.spans) {
          assert.equal(span.text, source.slice(span.start, span.end), `${name}: ${JSON.stringify(span)}`);
          assert.ok(span.label === 'AC' || span.label === 'LF');
        }
      }
    });

    it('pairs a definition and counts later mentions in the glossary', () => {
      const result = runCli(['tag', path.join(FIXTURES, 'paper.txt'), '--model', 'rules']);
      const json = JSON.parse(result.stdout) as TagJson;
      const source = fs.readFileSync(path.join(FIXTURES, 'paper.txt'), 'utf8');
      const gypes = json.glossary.find((e) => e.short === 'GYPES');
      assert.ok(gypes, JSON.stringify(json.glossary));
      assert.equal(gypes.long, 'Gothenburg Young Persons Empowerment Scale');
      assert.equal(gypes.count, 3);
      assert.ok(gypes.definition);
      assert.equal(source.slice(gypes.definition.start, gypes.definition.end), gypes.long);
    });

    it('counts offsets in UTF-16 code units after CRLF and astral characters', () => {
      const file = path.join(FIXTURES, 'crlf-emoji.txt');
      const source = fs.readFileSync(file, 'utf8');
      const json = JSON.parse(runCli(['tag', file, '--model', 'rules']).stdout) as TagJson;
      const mris = json.spans.filter((s) => s.text === 'MRI').map((s) => s.start);
      let from = 0;
      const expected: number[] = [];
      for (;;) {
        const at = source.indexOf('MRI', from);
        if (at < 0) break;
        expected.push(at);
        from = at + 1;
      }
      assert.deepEqual(mris, expected);
    });

    it('understands LaTeX markup: bold pair, \\ac macros, and no cite keys or comments', () => {
      const file = path.join(FIXTURES, 'paper.tex');
      const source = fs.readFileSync(file, 'utf8');
      const json = JSON.parse(runCli(['tag', file, '--model', 'rules']).stdout) as TagJson;
      const nlp = json.glossary.find((e) => e.short === 'NLP');
      assert.equal(nlp?.long, 'Natural Language Processing');
      const cnn = json.glossary.find((e) => e.short === 'CNN');
      assert.equal(cnn?.long, 'convolutional neural network');
      assert.equal(cnn?.count, 2);
      const texts = json.spans.map((s) => s.text);
      assert.ok(!texts.some((t) => t.includes('FAKE') || t === 'FA'), 'comment tagged');
      assert.ok(!texts.some((t) => t.includes('LSTM1997')), 'cite key tagged');
      assert.ok(!json.spans.some((s) => source.slice(s.start, s.end).startsWith('\\textbf')));
    });

    it('prints one JSON object per line for several files', () => {
      const files = ['paper.txt', 'paper.md'].map((f) => path.join(FIXTURES, f));
      const result = runCli(['tag', ...files, '--model', 'rules']);
      assert.equal(result.status, 0, result.stderr);
      const lines = result.stdout.trim().split('\n');
      assert.deepEqual(
        lines.map((l) => (JSON.parse(l) as TagJson).file),
        files,
      );
    });

    it('reads standard input when no file is given', () => {
      const result = runCli(['tag', '--model', 'rules'], 'The body mass index (BMI) was high.\n');
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as TagJson;
      assert.equal(json.file, '-');
      assert.deepEqual(
        json.spans.map((s) => [s.label, s.start, s.end, s.text]),
        [
          ['LF', 4, 19, 'body mass index'],
          ['AC', 21, 24, 'BMI'],
        ],
      );
    });

    it('writes text with inline markers', () => {
      const result = runCli(
        ['tag', '--model', 'rules', '--format', 'text'],
        'The body mass index (BMI) was high.',
      );
      assert.equal(result.stdout, 'The [body mass index]LF ([BMI]AC) was high.');
    });

    it('writes CoNLL for pre-tokenised CoNLL input, keeping sentence breaks', () => {
      const conll = 'The\tDET\tB-O\nbody\nmass\nindex\n(\nBMI\n)\n\nBMI\nrose\n.\n';
      const result = runCli(['tag', '--model', 'rules', '--input', 'conll'], conll);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(
        result.stdout,
        'The\tO\nbody\tB-LF\nmass\tI-LF\nindex\tI-LF\n(\tO\nBMI\tB-AC\n)\tO\n\nBMI\tB-AC\nrose\tO\n.\tO\n',
      );
    });
  });

  describe('LaTeX projects', () => {
    it('tags a chapter with the acronyms its project declares in another file, unless --standalone', () => {
      fs.mkdirSync(path.join(tmp, 'thesis', 'chapters'), { recursive: true });
      write(
        'thesis/main.tex',
        '\\documentclass{report}\n\\usepackage{acronym}\n\\begin{document}\n\\input{acronyms}\n\\include{chapters/intro}\n\\end{document}\n',
      );
      write('thesis/acronyms.tex', '\\begin{acronym}\n\\acro{VM}{virtual machine}\n\\end{acronym}\n');
      const chapter = write('thesis/chapters/intro.tex', 'Each \\ac{VM} runs.\n');
      const glossary = (args: string[]) => {
        const result = runCli(['tag', chapter, '--model', 'rules', ...args]);
        assert.equal(result.status, 0, result.stderr);
        return (JSON.parse(result.stdout) as { glossary: unknown[] }).glossary;
      };
      assert.deepEqual(glossary([]), [{ short: 'VM', long: 'virtual machine', count: 1, definition: null }]);
      assert.deepEqual(glossary(['--standalone']), [{ short: 'VM', long: null, count: 1, definition: null }]);
    });
  });

  describe('glossary', () => {
    it('writes \\newacronym lines for LaTeX', () => {
      const result = runCli(
        ['glossary', '--model', 'rules', '--format', 'latex'],
        'We used body mass index (BMI).',
      );
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '\\newacronym{bmi}{BMI}{body mass index}\n');
    });

    it('writes an acronym environment of \\acro lines, one per abbreviation over all files', () => {
      const a = write('acro-a.txt', 'The body mass index (BMI) and BMI.');
      const b = write('acro-b.txt', 'The BMI and the odds ratio (OR) of R&D.');
      const result = runCli(['glossary', a, b, '--model', 'rules', '--format', 'acronym']);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(
        result.stdout,
        '\\begin{acronym}\n\\acro{BMI}[BMI]{body mass index}\n\\acro{OR}[OR]{odds ratio}\n' +
          '% R\\&D.: no long form found in the text\n\\end{acronym}\n',
      );
    });

    it('writes one JSON line per file with jsonl', () => {
      const a = write('a.txt', 'The body mass index (BMI) and BMI.');
      const b = write('b.txt', 'The odds ratio (OR) was 2.');
      const result = runCli(['glossary', a, b, '--model', 'rules', '--format', 'jsonl']);
      const lines = result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.deepEqual(
        lines.map((l) => [
          l.file,
          l.entries.map((e: { short: string; count: number }) => [e.short, e.count]),
        ]),
        [
          [a, [['BMI', 2]]],
          [b, [['OR', 1]]],
        ],
      );
    });
  });

  describe('deeply nested LaTeX', () => {
    it('tags 8,000 nested braces and \\textbf{ nested 10,000 deep instead of overflowing the stack', () => {
      const sentence = 'The body mass index (BMI) rose.';
      for (const [name, source] of [
        ['braces.tex', '{'.repeat(8_000) + sentence + '}'.repeat(8_000) + '\n'],
        ['bold.tex', '\\textbf{'.repeat(10_000) + sentence + '}'.repeat(10_000) + '\n'],
      ]) {
        const result = runCli(['tag', '--model', 'rules', write(name, source)]);
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stderr, '');
        const json = JSON.parse(result.stdout) as TagJson;
        assert.deepEqual(
          json.spans.map((s) => [s.label, s.start, s.text]),
          [
            ['LF', source.indexOf('body'), 'body mass index'],
            ['AC', source.indexOf('BMI'), 'BMI'],
          ],
        );
      }
    });
  });

  describe('output that cannot be written', () => {
    const bin = path.join(ROOT, 'bin', 'plod-tagger.js');
    const paper = fs.readFileSync(path.join(FIXTURES, 'paper.txt'), 'utf8');
    // Far more output than a pipe holds, so that the writer meets the closed pipe whatever the timing.
    const big = write('big.txt', (paper + '\n\n').repeat(400));

    it('stops quietly, with the status of a broken pipe, when the reader has gone (| head -c 100)', () => {
      ensureBuilt();
      const stderr = path.join(tmp, 'epipe.err');
      for (const files of [[big], [big, big, big]]) {
        const run = spawnSync(
          'bash',
          [
            '-c',
            'node="$1"; bin="$2"; err="$3"; shift 3; "$node" "$bin" tag --model rules "$@" 2>"$err" | head -c 100 | wc -c; echo "${PIPESTATUS[0]}"',
            'bash',
            process.execPath,
            bin,
            stderr,
            ...files,
          ],
          { encoding: 'utf8' },
        );
        assert.deepEqual(run.stdout.trim().split(/\s+/), ['100', '141'], run.stderr);
        assert.equal(fs.readFileSync(stderr, 'utf8'), '');
      }
    });

    it('gives one line and exits 1 when the disk is full (> /dev/full)', function () {
      if (!fs.existsSync('/dev/full')) this.skip();
      ensureBuilt();
      for (const args of [
        ['tag', '--model', 'rules', path.join(FIXTURES, 'paper.txt')],
        ['tag', '--model', 'rules', big, big],
        ['glossary', '--model', 'rules', path.join(FIXTURES, 'paper.txt')],
        ['models'],
        ['--help'],
      ]) {
        const full = fs.openSync('/dev/full', 'w');
        const run = spawnSync(process.execPath, [bin, ...args], {
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
        });
        fs.closeSync(full);
        assert.equal(run.status, 1, `${args.join(' ')}: ${run.stderr}`);
        assert.equal(run.stderr, 'plod-tagger: cannot write the output: no space left on device (ENOSPC)\n');
      }
    });
  });

  describe('several files, some of them bad', () => {
    const paper = path.join(FIXTURES, 'paper.txt');
    const text = fs.readFileSync(paper, 'utf8');
    const good = [write('one.txt', text), write('two.txt', text)];
    const bad: [string, RegExp][] = [
      [write('nul.bin', Buffer.from([0x41, 0, 0x42])), /nul\.bin looks like a binary file/],
      [path.join(tmp, 'absent.txt'), /absent\.txt: no such file/],
      [tmp, /is a folder, not a file/],
    ];

    it('tags every readable file, reports each bad one on stderr in turn, and exits 1 at the end', () => {
      const result = runCli(['tag', '--model', 'rules', good[0], ...bad.map(([file]) => file), good[1]]);
      assert.equal(result.status, 1);
      const files = result.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as TagJson).file);
      assert.deepEqual(files, good);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, bad.length, result.stderr);
      bad.forEach(([, message], i) =>
        assert.match(lines[i], new RegExp(`^plod-tagger: .*${message.source}`)),
      );
      assertNoStackTrace(result.stderr);
    });

    it('writes the glossary of the good files, and CoNLL of the good ones, with the bad ones reported', () => {
      const glossary = runCli(['glossary', '--model', 'rules', good[0], bad[0][0], good[1]]);
      assert.equal(glossary.status, 1);
      assert.deepEqual(
        glossary.stdout.match(/^## .*$/gm),
        good.map((file) => `## ${file}`),
      );
      assert.equal(
        glossary.stderr,
        `plod-tagger: ${bad[0][0]} looks like a binary file (it holds NUL bytes)\n`,
      );
      const conll = write('ok.conll', 'The\nBMI\n');
      const empty = write('none.conll', '-DOCSTART- -X- O O\n');
      const tagged = runCli(['tag', '--model', 'rules', '--input', 'conll', conll, empty, conll]);
      assert.equal(tagged.status, 1);
      assert.equal(tagged.stdout, 'The\tO\nBMI\tB-AC\n'.repeat(2));
      assert.equal(tagged.stderr, `plod-tagger: ${empty} holds no CoNLL sentences\n`);
    });

    it('still exits 0 when every file is good', () => {
      const result = runCli(['tag', '--model', 'rules', ...good]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
    });
  });

  describe('input limits', () => {
    it('refuses a file over 64 MB from its size, without reading it', () => {
      const huge = path.join(tmp, 'sparse.txt');
      fs.closeSync(fs.openSync(huge, 'w'));
      fs.truncateSync(huge, 5 * 1024 ** 3);
      const result = runCli(['tag', '--model', 'rules', huge]);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, `plod-tagger: ${huge} is 5120 MB; the limit is 64 MB\n`);
      const stdin = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'plod-tagger.js'), 'tag'], {
        stdio: [fs.openSync(huge, 'r'), 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      assert.equal(stdin.stderr, 'plod-tagger: standard input is 5120 MB; the limit is 64 MB\n');
      fs.rmSync(huge);
    });

    it('stops reading an endless file or standard input at 64 MB', function () {
      if (!fs.existsSync('/dev/zero')) this.skip();
      ensureBuilt();
      const bin = path.join(ROOT, 'bin', 'plod-tagger.js');
      const file = spawnSync(process.execPath, [bin, 'tag', '--model', 'rules', '/dev/zero'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(file.status, 1, file.stderr);
      assert.equal(file.stderr, 'plod-tagger: /dev/zero is over 64 MB; the limit is 64 MB\n');
      const piped = spawnSync(
        'bash',
        ['-c', 'yes | "$1" "$2" tag --model rules', 'bash', process.execPath, bin],
        {
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      assert.equal(piped.stderr, 'plod-tagger: standard input is over 64 MB; the limit is 64 MB\n');
    });

    it('finds a NUL byte anywhere in the file, not only in its first 8 KB', () => {
      const late = write(
        'late-nul.txt',
        Buffer.concat([Buffer.from('The body mass index (BMI). '.repeat(4000)), Buffer.from([0])]),
      );
      assert.ok(fs.statSync(late).size > 100_000);
      const result = runCli(['tag', '--model', 'rules', late]);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, `plod-tagger: ${late} looks like a binary file (it holds NUL bytes)\n`);
    });

    it('says that a standard input which is a folder is a folder', () => {
      ensureBuilt();
      const folder = fs.openSync(tmp, 'r');
      const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'plod-tagger.js'), 'tag'], {
        stdio: [folder, 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      fs.closeSync(folder);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, 'plod-tagger: standard input is a folder, not a file\n');
    });
  });

  describe('bad input', () => {
    const cases: [string, string[], string | Buffer | undefined, RegExp, number][] = [
      ['a missing file', ['tag', path.join(os.tmpdir(), 'no-such-paper.txt')], undefined, /no such file/, 1],
      [
        'an unknown model',
        ['tag', '--model', 'nope'],
        'text',
        /unknown model "nope"; the models are .*rules/,
        1,
      ],
      [
        'a binary file',
        ['tag', write('x.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]))],
        undefined,
        /binary/,
        1,
      ],
      [
        'invalid UTF-8',
        ['tag', write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]))],
        undefined,
        /not valid UTF-8/,
        1,
      ],
      ['empty input', ['tag', '--model', 'rules'], '', /standard input is empty/, 1],
      ['an empty file', ['tag', write('empty.txt', '')], undefined, /empty/, 1],
      ['a folder', ['tag', tmp], undefined, /is a folder/, 1],
      ['an unknown command', ['frobnicate'], undefined, /unknown command "frobnicate"/, 2],
      ['an unknown format', ['tag', '--format', 'xml'], 'x', /--format must be one of json, conll, text/, 2],
      ['an unknown flag', ['tag', '--colour'], 'x', /Unknown option '--colour'/, 2],
      [
        'a missing model folder',
        ['tag', '--model', './no/such/model'],
        'x',
        /model folder .* does not exist/,
        1,
      ],
      [
        'an SDU@AAAI-22 file that holds no samples',
        ['eval', '--model', 'rules', '--sdu', write('bad.json', '{"text": "x"}')],
        undefined,
        /bad\.json is not a list of SDU@AAAI-22 samples/,
        1,
      ],
      [
        'an SDU@AAAI-22 set that is not there',
        ['eval', '--model', 'rules', '--sdu', 'medical'],
        undefined,
        /the SDU@AAAI-22 set is not at .*medical.*name scientific or legal/,
        1,
      ],
      [
        'a bad tag in evaluation data',
        ['eval', '--model', 'rules', '--data', write('bad.conll', 'a B-O\nb B-XYZ\n')],
        undefined,
        /line 2.*B-XYZ/,
        1,
      ],
    ];
    for (const [what, args, input, message, code] of cases) {
      it(`explains ${what} and exits ${code}`, () => {
        const result = runCli(args, input);
        assert.equal(result.status, code, result.stderr);
        assert.match(result.stderr, message);
        assert.match(result.stderr, /^plod-tagger: /);
        assertNoStackTrace(result.stderr);
      });
    }

    it('scores the whole analysis on SDU@AAAI-22 samples by character spans', () => {
      const samples = [
        { ID: '1', text: 'The body mass index (BMI) rose.', acronyms: [[21, 24]], 'long-forms': [[4, 19]] },
        { ID: '2', text: 'We trained a CNN on it.', acronyms: [], 'long-forms': [] },
        { ID: '3', text: 'binary\u0000', acronyms: [[0, 6]], 'long-forms': [] },
      ];
      const file = write('sdu.json', JSON.stringify(samples));
      const result = runCli(['eval', '--model', 'rules', '--sdu', file, '--json']);
      assert.equal(result.status, 0, result.stderr);
      const scored = JSON.parse(result.stdout) as {
        samples: number;
        AC: { precision: number; recall: number };
        LF: { f1: number };
        micro: { precision: number; recall: number; f1: number; interval: [number, number] };
      };
      assert.equal(scored.samples, 2, 'the sample with a NUL byte is left out');
      assert.deepEqual([scored.AC.precision, scored.AC.recall, scored.LF.f1], [0.5, 1, 1]);
      assert.deepEqual([scored.micro.precision, scored.micro.recall], [2 / 3, 1]);
      assert.ok(Math.abs(scored.micro.f1 - 0.8) < 1e-9);
      assert.ok(scored.micro.interval[0] <= scored.micro.f1 && scored.micro.f1 <= scored.micro.interval[1]);
      const text = runCli(['eval', '--model', 'rules', '--sdu', file]).stdout;
      assert.match(text, /2 samples, whole analysis, character spans/);
      assert.match(text, /micro +0\.6667 +1\.0000 +0\.8000 +\[95% /);
    });

    it('explains a model folder with a missing or corrupt file', () => {
      const folder = path.join(tmp, 'broken-model');
      fs.mkdirSync(path.join(folder, 'onnx'), { recursive: true });
      fs.writeFileSync(path.join(folder, 'config.json'), '{"model_type":"bert","id2label":{"0":"O"}}');
      fs.writeFileSync(path.join(folder, 'tokenizer_config.json'), '{}');
      let result = runCli(['tag', '--model', folder], 'text');
      assert.equal(result.status, 1);
      assert.match(result.stderr, /has no tokenizer\.json/);
      fs.writeFileSync(path.join(folder, 'tokenizer.json'), '{not json');
      result = runCli(['tag', '--model', folder], 'text');
      assert.match(result.stderr, /tokenizer\.json is not valid JSON/);
      assertNoStackTrace(result.stderr);
    });
  });

  describe('PDF papers', () => {
    const pdf = (name: string) => path.join(FIXTURES, 'pdf', name);

    it('tags a PDF with offsets into the text that `plod-tagger text` prints', () => {
      const text = runCli(['text', pdf('two-column.pdf')]);
      assert.equal(text.status, 0, text.stderr);
      assert.equal(text.stdout, fs.readFileSync(pdf('two-column.txt'), 'utf8'));
      const result = runCli(['tag', pdf('two-column.pdf'), '--model', 'rules']);
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as TagJson;
      for (const span of json.spans) assert.equal(span.text, text.stdout.slice(span.start, span.end));
      const long = text.stdout.indexOf('support vector machine');
      assert.ok(
        json.spans.some((s) => s.label === 'LF' && s.start === long && s.end === long + 22),
        'the long form broken over a line and hyphenated in the PDF is found whole',
      );
    });

    it('reads a file as a PDF by its first bytes, whatever its name', () => {
      const renamed = write('paper.bin', fs.readFileSync(pdf('two-column.pdf')));
      const result = runCli(['tag', renamed, '--model', 'rules']);
      assert.equal(result.status, 0, result.stderr);
      assert.ok((JSON.parse(result.stdout) as TagJson).spans.length > 5);
    });

    it('says why a scanned or an encrypted PDF cannot be tagged, tags the others, and exits 1', () => {
      const result = runCli([
        'tag',
        pdf('scanned.pdf'),
        pdf('encrypted.pdf'),
        pdf('two-column.pdf'),
        '--model',
        'rules',
      ]);
      assert.equal(result.status, 1);
      assertNoStackTrace(result.stderr);
      const lines = result.stderr.trim().split('\n');
      assert.match(
        lines[0],
        /^plod-tagger: \S*scanned\.pdf has no text layer: it looks like a scan\. Run OCR/,
      );
      assert.match(lines[1], /^plod-tagger: \S*encrypted\.pdf is encrypted with a password/);
      assert.equal(result.stdout.trim().split('\n').length, 1);
    });
  });

  describe('start-up', () => {
    /**
     * What a command reads of the bundle: the source modules and packages in each chunk it loads, by the
     * `// src/…` and `// node_modules/…` comments esbuild writes above each module.
     */
    function modulesRead(args: string[]): Set<string> {
      const log = path.join(tmp, `loaded-${args.join('-')}.txt`);
      fs.rmSync(log, { force: true });
      const hooks = write(
        'load-hooks.mjs',
        "import fs from 'node:fs';\n" +
          'export async function load(url, context, next) {\n' +
          "  fs.appendFileSync(process.env.PLOD_LOADED_LOG, url + '\\n');\n" +
          '  return next(url, context);\n' +
          '}\n',
      );
      const register = write(
        'register-hooks.mjs',
        `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
      );
      ensureBuilt();
      const result = spawnSync(
        process.execPath,
        ['--import', register, path.join(ROOT, 'bin', 'plod-tagger.js'), ...args],
        {
          cwd: ROOT,
          input: 'The magnetic resonance imaging (MRI) scan.',
          encoding: 'utf8',
          env: { ...process.env, PLOD_LOADED_LOG: log },
        },
      );
      assert.equal(result.status, 0, result.stderr);
      const chunks = fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter((url) => /\/dist\/cli[^/]*\.mjs$/.test(url));
      assert.ok(chunks.length > 0);
      const modules = chunks.flatMap((url) =>
        [
          ...fs
            .readFileSync(new URL(url), 'utf8')
            .matchAll(/^\/\/ (src\/\S+|node_modules\/(?:@[^/]+\/)?[^/]+)/gm),
        ].map((m) => m[1]),
      );
      return new Set(modules);
    }

    const ANALYSIS = 'src/core/analyze.ts';
    const TOKENIZERS = 'node_modules/@huggingface/tokenizers';
    const TRANSFORMERS = 'node_modules/@huggingface/transformers';
    const SERVER = 'node_modules/fastify';
    const PDFJS = 'node_modules/pdfjs-dist';

    it('reads neither the analysis, the tokenizer nor the server for models and --help', () => {
      for (const args of [['models'], ['--help']]) {
        const read = modulesRead(args);
        assert.ok(read.has('src/cli/main.ts'));
        for (const heavy of [ANALYSIS, TOKENIZERS, SERVER]) assert.ok(!read.has(heavy), `${args}: ${heavy}`);
      }
    });

    it('reads the analysis but neither the tokenizer nor the server for tag and glossary with rules', () => {
      for (const command of ['tag', 'glossary']) {
        const read = modulesRead([command, '--model', 'rules']);
        assert.ok(read.has(ANALYSIS), command);
        assert.ok(!read.has(TOKENIZERS) && !read.has(SERVER) && !read.has(PDFJS), command);
      }
    });

    it('reads the tokenizer for a trained model, but not the server, nor the rest of transformers.js', () => {
      const read = modulesRead(['tag', '--model', 'plod-small']);
      assert.ok(read.has(TOKENIZERS) && read.has('src/core/taggers/session.ts'));
      assert.ok(!read.has(SERVER) && !read.has(TRANSFORMERS));
    });
  });
});
