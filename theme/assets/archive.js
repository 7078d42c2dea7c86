// Material's menu button (a <label> for the drawer checkbox) cannot take keyboard focus.
// Make it a real button for keyboard and screen-reader users (WCAG 2.1.1, 4.1.2).
document.querySelectorAll('label.md-header__button[for="__drawer"]').forEach((label) => {
  const toggle = document.getElementById("__drawer");
  label.tabIndex = 0;
  label.setAttribute("role", "button");
  label.setAttribute("aria-label", "メニュー");
  const sync = () => label.setAttribute("aria-expanded", String(toggle.checked));
  sync();
  toggle.addEventListener("change", sync);
  label.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      label.click();
    }
  });
});
