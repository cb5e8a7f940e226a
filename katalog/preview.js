// Live preview only (never published): reload when a new build is out, show the build's problems on the page.
const STATUS = "/__pratinjau/status";
let seen = null;

function showProblems(text) {
  let box = document.getElementById("pratinjau-masalah");
  if (!text) {
    box?.remove();
    return;
  }
  if (!box) {
    box = document.createElement("div");
    box.id = "pratinjau-masalah";
    box.setAttribute("role", "alert");
    // CSSOM, not a style attribute: the page's Content-Security-Policy allows this.
    Object.assign(box.style, {
      position: "fixed", inset: "0 0 auto 0", maxHeight: "60vh", overflow: "auto", zIndex: "9999",
      background: "#fff4f4", color: "#5c0000", borderBottom: "4px solid #b00020", padding: "1rem",
      font: "0.9rem/1.4 monospace", whiteSpace: "pre-wrap",
    });
    document.body.prepend(box);
  }
  box.textContent = text;
}

async function poll() {
  try {
    const response = await fetch(STATUS, { cache: "no-store" });
    const status = await response.json();
    if (seen !== null && status.versi !== seen && !status.masalah) {
      window.location.reload();
      return;
    }
    seen = status.versi;
    showProblems(status.masalah);
  } catch {
    // The preview server is restarting or stopped: try again shortly.
  }
  setTimeout(poll, 250);
}

poll();
