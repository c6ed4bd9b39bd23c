from campaigns.excel.commands import ImportCommand


class Command(ImportCommand):
    kind = "indicators"
    help = (
        "Nhập số liệu chỉ tiêu của từng đơn vị theo năm (trang «Số liệu chỉ tiêu» và «Chỉ số thành phần») từ tệp "
        ".xlsx theo mẫu. Tất cả hoặc không: một dòng lỗi thì không ghi gì và liệt kê mọi lỗi "
        "(trang, dòng, cột, giá trị, lý do). Nhập lại cùng tệp không thay đổi gì. --dry-run: chỉ kiểm tra."
    )
