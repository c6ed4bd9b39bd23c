from campaigns.excel.commands import ImportCommand


class Command(ImportCommand):
    kind = "org"
    help = (
        "Nhập đơn vị và cán bộ (trang «Đơn vị» và «Cán bộ») từ tệp .xlsx theo mẫu. Tất cả hoặc không: một dòng lỗi thì không ghi gì và liệt kê mọi lỗi "
        "(trang, dòng, cột, giá trị, lý do). Nhập lại cùng tệp không thay đổi gì. --dry-run: chỉ kiểm tra."
    )
