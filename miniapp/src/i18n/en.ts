import type { MessageKey } from './zh-CN';

export const en: Record<MessageKey, string> = {
  'tab.home': 'Home',
  'tab.bookings': 'Bookings',
  'tab.me': 'Me',
  'home.heading': 'Welcome',
  'home.line': 'Book appointments online and keep your visits in one place.',
  'home.bookingTitle': 'Outpatient appointments',
  'home.bookingLine': 'Choose a department and a doctor, then book online.',
  'home.book': 'Book an appointment',
  'bookings.heading': 'My appointments',
  'bookings.line': 'Confirmed appointments will show their time and place here.',
  'bookings.empty': 'No appointments yet',
  'me.heading': 'My account',
  'me.line': 'Manage patients and your settings.',
  'me.language': 'Language',
  'language.name': 'English',
};
