#include "label/qr_code.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

namespace label {
namespace {

struct QrcodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrcodePtr = std::unique_ptr<QRcode, QrcodeDeleter>;

bool to_level(char level, QRecLevel& out, char& canonical) {
  switch (level) {
    case 'L': case 'l': out = QR_ECLEVEL_L; canonical = 'L'; return true;
    case 'M': case 'm': out = QR_ECLEVEL_M; canonical = 'M'; return true;
    case 'Q': case 'q': out = QR_ECLEVEL_Q; canonical = 'Q'; return true;
    case 'H': case 'h': out = QR_ECLEVEL_H; canonical = 'H'; return true;
    default: return false;
  }
}

}  // namespace

domain::Result<QrCode> QrCode::encode(std::string_view data, char level) {
  using domain::Errc;
  QRecLevel ec_level;
  char canonical;
  if (!to_level(level, ec_level, canonical))
    return domain::make_error(Errc::invalid_input,
                              "QR error correction level must be one of L, M, Q, H", "/level");
  if (data.empty())
    return domain::make_error(Errc::invalid_input, "QR data must not be empty", "/data");
  // Version 40 holds at most 2953 bytes (level L); checking first keeps the int cast safe.
  if (data.size() > 2953)
    return domain::make_error(Errc::unprocessable,
                              "QR data of " + std::to_string(data.size()) + " bytes exceeds the capacity of a QR code",
                              "/data");
  // encodeData is byte mode without the mode analysis encodeString does, and takes a length, so
  // data is never truncated at a NUL.
  errno = 0;
  QrcodePtr code(QRcode_encodeData(static_cast<int>(data.size()),
                                   reinterpret_cast<const unsigned char*>(data.data()), 0, ec_level));
  if (!code) {
    if (errno == ERANGE)
      return domain::make_error(Errc::unprocessable,
                                "QR data of " + std::to_string(data.size()) +
                                    " bytes exceeds the capacity of a QR code at level " + canonical,
                                "/data");
    return domain::make_error(Errc::internal, "QR encoding failed");
  }
  const int width = code->width;
  std::vector<std::uint8_t> modules(static_cast<std::size_t>(width) * width);
  // Bit 0 of each libqrencode byte is the colour; the other bits describe the module's role.
  for (std::size_t i = 0; i < modules.size(); ++i) modules[i] = code->data[i] & 1u;
  return QrCode(width, code->version, canonical, std::move(modules));
}

}  // namespace label
