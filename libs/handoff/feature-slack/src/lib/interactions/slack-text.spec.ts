import { slackTextToPlain } from './slack-interactions';

describe("an agent's Slack message as the customer reads it", () => {
  it("undoes Slack's escaping and writes links, e-mail links and mentions as plain text", () => {
    expect(slackTextToPlain('Fish &amp; chips &lt;3 &gt; all')).toBe('Fish & chips <3 > all');
    expect(slackTextToPlain('See <https://shop.example/returns|our returns page>.')).toBe('See our returns page (https://shop.example/returns).');
    expect(slackTextToPlain('See <https://shop.example/returns>.')).toBe('See https://shop.example/returns.');
    expect(slackTextToPlain('<https://shop.example|https://shop.example>')).toBe('https://shop.example');
    expect(slackTextToPlain('Mail <mailto:help@shop.example|help@shop.example>')).toBe('Mail help@shop.example');
    expect(slackTextToPlain('Ask <@U123ABC> or <#C123|returns>, <!here>')).toBe('Ask  or returns, ');
  });
});
