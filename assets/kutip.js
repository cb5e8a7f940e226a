// "Kutip" block on innovation pages, progressive enhancement: fills in today's date as the access date
// and shows a copy button whose result is announced through the block's status region.
// Without JavaScript the citation stays readable and copyable, with a marked "[tanggal akses]" placeholder.
const block = document.querySelector(".kutip[data-bulan]");
if (block) {
  const months = block.dataset.bulan.split(" ");
  const text = block.querySelector(".kutip-teks");
  const button = block.querySelector(".kutip-salin");
  const status = block.querySelector(".kutip-status");
  const today = new Date();
  const accessed = block.querySelector(".kutip-tanggal");
  if (accessed) {
    accessed.textContent = `${today.getDate()} ${months[today.getMonth()]} ${today.getFullYear()}`;
  }
  if (navigator.clipboard && window.isSecureContext) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      status.textContent = "";  // a fresh message, so a second copy is announced again
      try {
        await navigator.clipboard.writeText(text.textContent.replace(/\s+/g, " ").trim());
        status.textContent = block.dataset.tersalin;
      } catch {
        status.textContent = block.dataset.gagal;
      }
    });
  }
}
