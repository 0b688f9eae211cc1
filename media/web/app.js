// The PLOD Tagger page. It talks to the server it came from and nothing else, and builds every piece of
// user text into the page with textContent, never as HTML.
'use strict';

const FALLBACK_SAMPLES = [
  'The body mass index (BMI) of the patients rose, and BMI was higher in the control group.',
  'We used magnetic resonance imaging (MRI) and computed tomography (CT) to stage the tumours.',
];

const $ = (id) => document.getElementById(id);

function setStatus(message, isError = false) {
  $('status').textContent = message;
  $('status').classList.toggle('error', isError);
}

function requestHeaders() {
  const headers = { 'content-type': 'application/json' };
  const key = $('api-key').value.trim();
  if (key) headers.authorization = `Bearer ${key}`;
  return headers;
}

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function loadModels() {
  const select = $('model');
  try {
    const response = await fetch('/health');
    const health = await response.json();
    for (const name of health.models) select.append(option(name, name));
    select.value = health.default_model;
    if (health.ab) {
      select.prepend(
        option('', `server's choice (A/B: ${Math.round(health.ab.share * 100)}% ${health.ab.model})`),
      );
      select.value = '';
    }
    $('key-label').hidden = !health.auth;
  } catch {
    setStatus('The server does not answer /health.', true);
  }
}

async function loadSamples() {
  let samples = FALLBACK_SAMPLES;
  let source = 'built-in';
  try {
    const response = await fetch('/v1/samples');
    if (response.ok) ({ samples, source } = await response.json());
  } catch {
    // The built-in examples stay.
  }
  const select = $('sample');
  const from = source === 'built-in' ? 'built-in examples' : 'PLOD-CW test';
  select.append(option('', `${samples.length} ${from}…`));
  samples.forEach((text, i) => {
    select.append(option(String(i), text.length > 80 ? `${text.slice(0, 77)}…` : text));
  });
  select.addEventListener('change', () => {
    if (select.value !== '') $('text').value = samples[Number(select.value)];
  });
}

async function tag() {
  const text = $('text').value;
  if (!text.trim()) {
    setStatus('Type or pick some text first.', true);
    return;
  }
  const body = { text, lang: $('lang').value };
  if ($('model').value) body.model = $('model').value;
  $('tag').disabled = true;
  setStatus('Tagging…');
  try {
    const response = await fetch('/v1/tag', {
      method: 'POST',
      headers: requestHeaders(),
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      setStatus(answer.error ?? `The server answered ${response.status}.`, true);
      return;
    }
    render(text, answer);
    setStatus('');
  } catch (error) {
    setStatus(`The request failed: ${error.message}`, true);
  } finally {
    $('tag').disabled = false;
  }
}

function render(text, answer) {
  const spans = [...answer.spans].sort((a, b) => a.start - b.start);
  const rendered = $('rendered');
  rendered.replaceChildren();
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    rendered.append(document.createTextNode(text.slice(at, span.start)));
    const mark = document.createElement('mark');
    mark.className = span.label.toLowerCase();
    mark.dataset.label = span.label;
    mark.textContent = text.slice(span.start, span.end);
    mark.title = `${span.label === 'AC' ? 'abbreviation' : 'long form'} · score ${span.score}`;
    rendered.append(mark);
    at = span.end;
  }
  rendered.append(document.createTextNode(text.slice(at)));

  const entities = $('entities').tBodies[0];
  entities.replaceChildren(
    ...spans.map((span) => {
      const row = document.createElement('tr');
      row.append(
        cell(span.label),
        cell(span.text),
        cell(String(span.start), 'number'),
        cell(String(span.end), 'number'),
        cell(span.score.toFixed(3), 'number'),
      );
      return row;
    }),
  );

  const glossary = $('glossary').tBodies[0];
  glossary.replaceChildren(
    ...answer.glossary.map((entry) => {
      const row = document.createElement('tr');
      row.append(cell(entry.short), cell(entry.long ?? '(not defined)'), cell(String(entry.count), 'number'));
      return row;
    }),
  );

  const count = (label) => spans.filter((s) => s.label === label).length;
  $('meta').textContent =
    `${count('AC')} abbreviations and ${count('LF')} long forms · model ${answer.model} · ${answer.ms} ms`;
  $('results').hidden = false;
}

$('tag').addEventListener('click', tag);
$('text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) tag();
});
loadModels();
loadSamples();
