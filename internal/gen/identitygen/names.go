package identitygen

// Word lists the directory generator draws names from. They are ours, made
// up to look like a UK council's directory; nothing here is real data.

// genDeptName is a council department with its share of the staff. ICT and
// Customer Services come first so that even a small directory has them:
// the attack paths the generator plants run through both.
type genDeptName struct {
	name   string
	weight int
}

var genDeptNames = []genDeptName{
	{"ICT", 4}, {"CUSTOMER SERVICES", 7}, {"ADULT SOCIAL CARE", 14}, {"CHILDRENS SERVICES", 12},
	{"HOUSING", 9}, {"REVENUES AND BENEFITS", 7}, {"ENVIRONMENTAL SERVICES", 6}, {"HIGHWAYS", 5},
	{"PLANNING", 4}, {"FINANCE", 4}, {"HUMAN RESOURCES", 3}, {"LEGAL SERVICES", 2},
	{"DEMOCRATIC SERVICES", 2}, {"LIBRARIES", 4}, {"WASTE AND RECYCLING", 5}, {"PUBLIC HEALTH", 3},
	{"LICENSING", 2}, {"REGENERATION", 3},
}

// Department groups are named "<DEPT> - <suffix>", numbered when a
// department has more groups than suffixes.
var genGroupSuffixes = []string{
	"MANAGERS", "TEAM LEADERS", "SHARED DRIVE RW", "SHARED DRIVE RO", "APP USERS", "PRINTERS",
	"M365 LICENSED", "MAILBOX ACCESS", "CASE OFFICERS", "SENIOR OFFICERS", "ADMIN SUPPORT", "REMOTE WORKERS",
}

// genSite is an office with its own desktop-support group; workstation
// names carry the site code.
type genSite struct{ name, code string }

var genSites = []genSite{
	{"TOWN HALL", "THL"}, {"CIVIC CENTRE", "CIV"}, {"DEPOT", "DEP"}, {"CENTRAL LIBRARY", "LIB"},
	{"LEISURE CENTRE", "LEI"}, {"CUSTOMER SERVICE CENTRE", "CSC"}, {"REGISTER OFFICE", "REG"}, {"CARE HUB", "CHB"},
}

var genFirstNames = []string{
	"James", "Oliver", "Harry", "George", "Jack", "Thomas", "William", "Mohammed", "Daniel", "Joshua",
	"Samuel", "Ryan", "David", "Michael", "Paul", "Mark", "Andrew", "Stephen", "Peter", "Richard",
	"Amelia", "Olivia", "Emily", "Isla", "Sophie", "Jessica", "Grace", "Chloe", "Lucy", "Hannah",
	"Sarah", "Laura", "Emma", "Rebecca", "Claire", "Rachel", "Nicola", "Karen", "Helen", "Fatima",
	"Aisha", "Priya", "Raj", "Sanjay", "Wei", "Tomasz", "Agnieszka", "Siân", "Rhys", "Niamh",
	"Aoife", "Eilidh", "Callum", "Kwame", "Chidi", "Yusuf", "Zara", "Ioana", "Mateusz", "Joanne",
}

var genSurnames = []string{
	"SMITH", "JONES", "TAYLOR", "BROWN", "WILLIAMS", "WILSON", "JOHNSON", "DAVIES", "ROBINSON", "WRIGHT",
	"THOMPSON", "EVANS", "WALKER", "WHITE", "ROBERTS", "GREEN", "HALL", "WOOD", "JACKSON", "CLARKE",
	"PATEL", "KHAN", "AHMED", "ALI", "SINGH", "HUGHES", "EDWARDS", "LEWIS", "HILL", "MOORE",
	"OBRIEN", "MURPHY", "KELLY", "CAMPBELL", "STEWART", "MACDONALD", "NOWAK", "KOWALSKI", "OKAFOR", "MENSAH",
	"CHEN", "NGUYEN", "BAKER", "HARRIS", "MARTIN", "COOPER", "WARD", "MORRIS", "KING", "TURNER",
	"PARKER", "COLLINS", "BENNETT", "COOK", "BAILEY", "BELL", "RICHARDSON", "SHAW", "PRICE", "PALMER",
}

// Service accounts: the first is the Entra Connect account that holds the
// replication rights; the rest are the line-of-business systems a council
// runs, with the service their SPN names.
type genService struct{ name, spn string }

var genServices = []genService{
	{"SQL", "MSSQLSvc"}, {"BACKUP", ""}, {"SCCM", "HTTP"}, {"CIVICA", "MSSQLSvc"}, {"IDOX", "HTTP"},
	{"NORTHGATE", "MSSQLSvc"}, {"ACADEMY", "MSSQLSvc"}, {"LIBERATA", "HTTP"}, {"VEEAM", ""}, {"PRINT", ""},
	{"SCAN2EMAIL", ""}, {"LANSWEEPER", ""}, {"PAYROLL", "MSSQLSvc"}, {"MOSAIC", "MSSQLSvc"}, {"WEBAPP", "HTTP"},
}

// Server roles, repeated in this proportion; the role names the server and
// decides who signs in on it and who administers it.
var genServerRoles = []string{
	"APP", "FS", "SQL", "APP", "WEB", "CTX", "APP", "FS", "SQL", "PRT",
	"APP", "BKP", "WEB", "CTX", "APP", "SQL", "EXCH", "APP", "RDS", "FS",
}

var genWorkstationOS = []string{
	"Windows 11 Enterprise", "Windows 11 Enterprise", "Windows 11 Enterprise", "Windows 10 Enterprise",
	"Windows 10 Enterprise", "Windows 11 Pro", "Windows 10 Pro",
}

var genServerOS = []string{
	"Windows Server 2022 Standard", "Windows Server 2019 Standard", "Windows Server 2019 Standard",
	"Windows Server 2016 Standard", "Windows Server 2022 Datacenter", "Windows Server 2012 R2 Standard",
}
