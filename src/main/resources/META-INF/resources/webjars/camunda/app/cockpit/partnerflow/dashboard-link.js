// Cockpit plugin: on Cockpit's start page, a link to partnerflow's dashboard (/dashboard), which
// Community Cockpit has no equivalent of (funnel, cycle times, invitations, SLA breaches).
export default {
  id: 'partnerflow.dashboardLink',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node) => {
    const section = document.createElement('section');
    const heading = document.createElement('h3');
    heading.textContent = 'Onboarding dashboard';
    const text = document.createElement('p');
    text.textContent = 'Funnel, cycle times, invitations, referrals, customers and SLA breaches of the partner\'s '
      + 'onboarding work, for a period you choose: ';
    const link = document.createElement('a');
    link.href = '/dashboard';
    link.id = 'partnerflow-dashboard-link';
    link.textContent = 'open the dashboard';
    text.appendChild(link);
    section.append(heading, text);
    node.appendChild(section);
  }
};
