// A file chosen in <input type=file data-fills=ID> is read into the textarea #ID, so a list can be
// imported from a spreadsheet export without a multipart upload (the form still works by pasting).
document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    var target = document.getElementById(input.dataset.fills);
    if (!file || !target) return;
    var reader = new FileReader();
    reader.onload = function () { target.value = String(reader.result || ''); };
    reader.readAsText(file);
  });
});
