// City by area code, for the card and Egards' optional `details.city`. libphonenumber-js has
// no geocoder, so this is a small table of the larger cities in CallPop's first markets.
// A number whose area code is not listed simply has no city: the field is optional.

const CITIES: Record<string, Record<string, string>> = {
  // Netherlands (+31): geographic area codes without the trunk 0
  '31': {
    '20': 'Amsterdam',
    '10': 'Rotterdam',
    '70': 'Den Haag',
    '30': 'Utrecht',
    '40': 'Eindhoven',
    '50': 'Groningen',
    '23': 'Haarlem',
    '24': 'Nijmegen',
    '26': 'Arnhem',
    '33': 'Amersfoort',
    '35': 'Hilversum',
    '36': 'Almere',
    '38': 'Zwolle',
    '43': 'Maastricht',
    '46': 'Sittard',
    '53': 'Enschede',
    '55': 'Apeldoorn',
    '58': 'Leeuwarden',
    '71': 'Leiden',
    '72': 'Alkmaar',
    '73': "'s-Hertogenbosch",
    '74': 'Hengelo',
    '75': 'Zaandam',
    '76': 'Breda',
    '77': 'Venlo',
    '78': 'Dordrecht',
    '79': 'Zoetermeer',
  },
  // Belgium (+32)
  '32': {
    '2': 'Brussel',
    '3': 'Antwerpen',
    '9': 'Gent',
    '50': 'Brugge',
    '16': 'Leuven',
  },
  // Germany (+49)
  '49': {
    '30': 'Berlin',
    '40': 'Hamburg',
    '89': 'München',
    '221': 'Köln',
    '69': 'Frankfurt am Main',
    '711': 'Stuttgart',
    '211': 'Düsseldorf',
    '231': 'Dortmund',
    '201': 'Essen',
    '421': 'Bremen',
    '511': 'Hannover',
    '341': 'Leipzig',
    '351': 'Dresden',
    '911': 'Nürnberg',
  },
  // Russia (+7)
  '7': {
    '495': 'Москва',
    '499': 'Москва',
    '812': 'Санкт-Петербург',
  },
};

export function cityForNumber(e164: string | null): string | null {
  if (!e164 || !e164.startsWith('+')) return null;
  const digits = e164.slice(1);
  for (const cc of ['31', '32', '49', '7']) {
    if (!digits.startsWith(cc)) continue;
    const table = CITIES[cc] ?? {};
    const rest = digits.slice(cc.length);
    // Longest prefix first: 221 (Köln) before 22.
    for (const len of [4, 3, 2, 1]) {
      const city = table[rest.slice(0, len)];
      if (city) return city;
    }
    return null;
  }
  return null;
}
