/**
 * Chinese working days (国务院《全国年节及纪念日放假办法》 + the yearly 国务院办公厅 notices):
 * the calendar, its built-in 2023–2026 data, the override-file parser and TZ-free date helpers.
 */
export * from './calendar';
export * from './dates';
export * from './holiday-data';
export * from './holiday-file';
