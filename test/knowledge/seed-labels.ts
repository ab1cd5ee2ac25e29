/**
 * The labels of InfoMentor Hub's screens as the seed documents (`../shared/seeds/`) spell them, each with the file
 * and line that shows it. An answer quotes only these: a parent looks for the quoted words on the screen, so a label
 * the seeds do not have is one the parent may never find. Seed files: 000 and 002 the Swedish InfoMentor FAQ, 001
 * the English one, 003 Vaggeryd's page, 004 Borgholm's page.
 */
export const SEED_LABELS: Readonly<Record<string, { seed: string; line: number }>> = {
  // Logging in
  'Logga in': { seed: '000_df425be0c525ce73.txt', line: 7 },
  'Nytt lösenord?': { seed: '001_2de90525a1001cff.txt', line: 27 },
  'Glömt lösenord?': { seed: '000_df425be0c525ce73.txt', line: 25 },
  'Ändra användarnamn': { seed: '000_df425be0c525ce73.txt', line: 30 },
  'Change Username': { seed: '001_2de90525a1001cff.txt', line: 31 },
  'Andra inloggningssätt': { seed: '003_70c9eb4bd42bca49.txt', line: 77 },
  'Blanketter och e-tjänster': { seed: '004_dd60130f50efcff3.txt', line: 29 },
  // The boxes, in Swedish
  Bedömningar: { seed: '000_df425be0c525ce73.txt', line: 69 },
  Betyg: { seed: '000_df425be0c525ce73.txt', line: 95 },
  Blogg: { seed: '000_df425be0c525ce73.txt', line: 97 },
  eTest: { seed: '000_df425be0c525ce73.txt', line: 100 },
  Familjewebben: { seed: '000_df425be0c525ce73.txt', line: 103 },
  Fritidshem: { seed: '000_df425be0c525ce73.txt', line: 107 },
  Frånvaro: { seed: '000_df425be0c525ce73.txt', line: 151 },
  'Rapportera frånvaro': { seed: '000_df425be0c525ce73.txt', line: 152 },
  Information: { seed: '000_df425be0c525ce73.txt', line: 117 },
  Kalender: { seed: '000_df425be0c525ce73.txt', line: 120 },
  Kontaktlista: { seed: '000_df425be0c525ce73.txt', line: 123 },
  Kunskapsrum: { seed: '000_df425be0c525ce73.txt', line: 128 },
  Portfolio: { seed: '000_df425be0c525ce73.txt', line: 132 },
  Schema: { seed: '000_df425be0c525ce73.txt', line: 134 },
  Uppgifter: { seed: '000_df425be0c525ce73.txt', line: 137 },
  Utvecklingssamtal: { seed: '000_df425be0c525ce73.txt', line: 140 },
  Veckoplan: { seed: '000_df425be0c525ce73.txt', line: 146 },
  Ledighetsansökan: { seed: '003_70c9eb4bd42bca49.txt', line: 124 },
  // The boxes, in the English version
  Assessments: { seed: '001_2de90525a1001cff.txt', line: 57 },
  Blog: { seed: '001_2de90525a1001cff.txt', line: 71 },
  'Time Registration': { seed: '001_2de90525a1001cff.txt', line: 75 },
  Attendance: { seed: '001_2de90525a1001cff.txt', line: 97 },
  'Report Absence': { seed: '001_2de90525a1001cff.txt', line: 97 },
  Calendar: { seed: '001_2de90525a1001cff.txt', line: 79 },
  'Contact List': { seed: '001_2de90525a1001cff.txt', line: 81 },
  'Units of Learning': { seed: '001_2de90525a1001cff.txt', line: 83 },
  Documentation: { seed: '001_2de90525a1001cff.txt', line: 87 },
  Timetable: { seed: '001_2de90525a1001cff.txt', line: 89 },
  Assignments: { seed: '001_2de90525a1001cff.txt', line: 91 },
  'Parent meeting': { seed: '001_2de90525a1001cff.txt', line: 93 },
  // A local e-service, quoted by its municipality's overlay only
  'IST förskola och fritidshem': { seed: '003_70c9eb4bd42bca49.txt', line: 120 },
};
