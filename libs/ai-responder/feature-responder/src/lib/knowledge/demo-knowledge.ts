/**
 * The demo knowledge base of the standalone process: a sample web shop's help pages in
 * Dutch and English. Loaded on the first start when the tenant has no articles
 * (KNOWLEDGE_DEMO=false turns it off). Fictional shop; `.example` links.
 */
export interface DemoArticle {
  slug: string;
  locale: 'nl' | 'en';
  url: string;
  markdown: string;
}

const site = 'https://voorbeeldwinkel.example';

export const DEMO_KNOWLEDGE: readonly DemoArticle[] = [
  {
    slug: 'returns',
    locale: 'nl',
    url: `${site}/nl/retourneren`,
    markdown: `# Retourneren
Je kunt een bestelling binnen 30 dagen na ontvangst gratis retourneren. Het artikel moet ongebruikt zijn en in de originele verpakking zitten.

Meld je retour aan via Mijn account, onder Bestellingen. Je krijgt dan een retourlabel per e-mail. Lever het pakket in bij een PostNL-punt.

Het geld staat binnen 5 werkdagen nadat wij je retour hebben ontvangen weer op je rekening.`,
  },
  {
    slug: 'delivery',
    locale: 'nl',
    url: `${site}/nl/bezorging`,
    markdown: `# Bezorging en levertijd
Bestel je op een werkdag voor 22:00 uur, dan bezorgen we je pakket de volgende werkdag. In het weekend duurt het 1 tot 2 werkdagen.

De verzendkosten zijn 4,95 euro. Vanaf 50 euro bezorgen we gratis.

Je krijgt een e-mail met een track-and-tracecode zodra je pakket onderweg is.`,
  },
  {
    slug: 'payment',
    locale: 'nl',
    url: `${site}/nl/betalen`,
    markdown: `# Betalen
Je kunt betalen met iDEAL, creditcard (Visa en Mastercard) en PayPal. Achteraf betalen kan met Klarna, binnen 14 dagen.

Is je betaling mislukt? Dan wordt je bestelling niet verzonden. Probeer het opnieuw via Mijn account.`,
  },
  {
    slug: 'warranty',
    locale: 'nl',
    url: `${site}/nl/garantie`,
    markdown: `# Garantie
Op alle producten krijg je 2 jaar garantie. Is een product binnen die tijd kapot zonder dat het je schuld is, dan repareren of vervangen we het gratis.

Meld een garantieclaim via Mijn account met een foto van het defect.`,
  },
  {
    slug: 'password',
    locale: 'nl',
    url: `${site}/nl/wachtwoord`,
    markdown: `# Wachtwoord vergeten
Klik op de inlogpagina op Wachtwoord vergeten en vul je e-mailadres in. Je krijgt dan een e-mail met een link om een nieuw wachtwoord te kiezen. De link werkt 1 uur.`,
  },
  {
    slug: 'returns',
    locale: 'en',
    url: `${site}/en/returns`,
    markdown: `# Returns
You can return an order free of charge within 30 days of receiving it. The item must be unused and in its original packaging.

Register your return in My account, under Orders. You will get a return label by e-mail. Drop the parcel off at a PostNL point.

You get your money back within 5 working days after we receive your return.`,
  },
  {
    slug: 'delivery',
    locale: 'en',
    url: `${site}/en/delivery`,
    markdown: `# Delivery times and shipping
Order on a working day before 10 pm and we deliver your parcel the next working day. At the weekend it takes 1 to 2 working days.

Shipping costs 4.95 euros. Orders from 50 euros are delivered for free.

You get an e-mail with a tracking code as soon as your parcel is on its way.`,
  },
  {
    slug: 'payment',
    locale: 'en',
    url: `${site}/en/payment`,
    markdown: `# Payment
You can pay with iDEAL, credit card (Visa and Mastercard) and PayPal. You can pay later with Klarna, within 14 days.

Did your payment fail? Then your order is not shipped. Try again in My account.`,
  },
  {
    slug: 'warranty',
    locale: 'en',
    url: `${site}/en/warranty`,
    markdown: `# Warranty
All products come with a 2-year warranty. If a product breaks within that time through no fault of yours, we repair or replace it for free.

Report a warranty claim in My account with a photo of the defect.`,
  },
  {
    slug: 'password',
    locale: 'en',
    url: `${site}/en/password`,
    markdown: `# Forgotten password
On the login page, click Forgot password and enter your e-mail address. You will get an e-mail with a link to choose a new password. The link works for 1 hour.`,
  },
];
