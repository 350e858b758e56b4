/**
 * Whether a customer asks where their own order stands (where is it, when does it come, has
 * it shipped, what is its status), in Dutch or English: the one question the assistant may
 * answer from the back office (ADR 0019). Rules, no model: the customer's own order ("mijn",
 * "my", "ik heb … besteld") plus a word for an order or parcel plus a status or where/when
 * question; anything about changing it (cancel, return, exchange, change the address,
 * complain) is not a status question and goes the usual way (knowledge, or a person).
 */
const OWN = /\b(mijn|m'n|onze|my|our)\b|\bik heb\b.*\bbesteld\b|\bi (have )?ordered\b|\bwe (have )?ordered\b/;
const ORDER = /\b(bestelling(en)?|order(s)?|pakket(je|ten)?|pakje|zending|levering|bezorging|package|parcel|shipment|delivery)\b|\bbesteld\b|\bordered\b/;
const STATUS =
  /\b(waar|wanneer|status|stand|hoe staat het|al (verzonden|onderweg|binnen|gebracht|bezorgd)|onderweg|verzonden|komt|aankomt|aangekomen|binnen|bezorgd|geleverd|track(en|ing)?|volgen|where|when|status|shipped|dispatched|on (its|the) way|arrive[sd]?|arriving|delivered|track(ing)?|come|coming|gekregen|ontvangen|received)\b/;
const CHANGE =
  /\b(annuleren|annuleer|retour(neren)?|terugsturen|ruilen|omruilen|wijzigen|aanpassen|veranderen|klacht|kapot|beschadigd|terugbetal\w*|cancel\w*|return\w*|refund\w*|exchange|change|modify|complain\w*|broken|damaged|wrong (item|size)|verkeerde?)\b/;
const GENERAL = /\b(hoe lang|how long|verzendkosten|shipping costs?|delivery costs?|kosten|cost)\b/;

export function isOrderStatusQuestion(text: string): boolean {
  const t = text.toLowerCase().replace(/[’']/g, "'");
  if (t.length > 300) return false;
  if (CHANGE.test(t)) return false;
  if (GENERAL.test(t) && !OWN.test(t)) return false;
  return OWN.test(t) && ORDER.test(t) && STATUS.test(t);
}
