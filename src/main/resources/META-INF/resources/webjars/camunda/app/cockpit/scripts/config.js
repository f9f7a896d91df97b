// Cockpit configuration of partnerflow (replaces the webapp's default config.js).
export default {
  // Community Edition Cockpit shows running instances only: our plugin adds the finished ones.
  customScripts: ['partnerflow/finished-instances', 'partnerflow/dashboard-link']
};
