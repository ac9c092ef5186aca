// Sends a plain and a streaming chat completion to an OpenAI-compatible base URL with the official `openai` client
// and checks the answers and usage. Usage: node openai-client-check.mjs http://127.0.0.1:PORT/v1/
// Exits 0 when every check passes, 1 on a mismatch, 2 on a usage error.
import OpenAI from 'openai';

const baseURL = process.argv[2];
if (!baseURL) {
  console.error('usage: node openai-client-check.mjs <baseUrl>');
  process.exit(2);
}

const failures = [];
function check(condition, message) {
  if (!condition) {
    failures.push(message);
  }
}

const client = new OpenAI({ baseURL, apiKey: 'sk-simulator', maxRetries: 0, timeout: 30_000 });
const messages = [{ role: 'user', content: 'What is 17 * 23?' }];

const completion = await client.chat.completions.create({ model: 'chorus-sim-1', messages, n: 2, max_tokens: 64 });
check(completion.object === 'chat.completion', `object was ${completion.object}`);
check(completion.choices.length === 2, `expected 2 choices, got ${completion.choices.length}`);
for (const choice of completion.choices) {
  check(choice.message.role === 'assistant', `role was ${choice.message.role}`);
  check(/The answer is -?\d+\./.test(choice.message.content ?? ''), `unexpected content: ${choice.message.content}`);
  check(choice.finish_reason === 'stop', `finish_reason was ${choice.finish_reason}`);
}
const usage = completion.usage;
check(usage && usage.prompt_tokens > 0, 'missing prompt_tokens');
check(usage && usage.total_tokens === usage.prompt_tokens + usage.completion_tokens, 'total_tokens is not the sum');

const stream = await client.chat.completions.create({
  model: 'chorus-sim-1',
  messages,
  stream: true,
  stream_options: { include_usage: true },
});
let text = '';
let finishReason = null;
let streamUsage = null;
let chunks = 0;
for await (const chunk of stream) {
  chunks++;
  check(chunk.object === 'chat.completion.chunk', `chunk object was ${chunk.object}`);
  for (const choice of chunk.choices) {
    text += choice.delta?.content ?? '';
    finishReason = choice.finish_reason ?? finishReason;
  }
  if (chunk.usage) {
    check(chunk.choices.length === 0, 'the usage chunk must have no choices');
    streamUsage = chunk.usage;
  }
}
check(chunks > 2, `expected several chunks, got ${chunks}`);
check(/The answer is -?\d+\./.test(text), `unexpected streamed text: ${text}`);
check(finishReason === 'stop', `stream finish_reason was ${finishReason}`);
check(streamUsage !== null, 'no usage chunk although include_usage was true');
if (streamUsage) {
  check(streamUsage.completion_tokens === Math.ceil(text.length / 4), `completion_tokens ${streamUsage.completion_tokens} for ${text.length} chars`);
  check(streamUsage.prompt_tokens === usage?.prompt_tokens, 'prompt_tokens differ between plain and streaming');
}

const models = await client.models.list();
check(models.data.some(m => m.id === 'chorus-sim-1'), 'chorus-sim-1 not listed by /v1/models');

if (failures.length > 0) {
  for (const failure of failures) {
    console.error(`FAIL: ${failure}`);
  }
  process.exit(1);
}
console.log(`ok: openai ${OpenAI.VERSION ?? ''} against ${baseURL}`);
