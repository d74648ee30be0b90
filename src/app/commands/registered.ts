/**
 * Imports every area that registers extra commands or actions. Add one line per area.
 */
import './admin-commands';
import './reminder-commands';
